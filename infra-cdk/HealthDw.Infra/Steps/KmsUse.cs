namespace HealthDw.Infra.Steps;

/// <summary>What a principal does with the data key: read objects (Decrypt) and/or write them (GenerateDataKey).</summary>
[Flags]
public enum KmsUse
{
    None = 0,

    /// <summary>kms:Decrypt: reading an SSE-KMS object, and completing a multipart upload.</summary>
    Decrypt = 1,

    /// <summary>kms:GenerateDataKey: writing an SSE-KMS object.</summary>
    GenerateDataKey = 2,
}
