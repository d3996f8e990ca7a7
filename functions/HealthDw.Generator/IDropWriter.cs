namespace HealthDw.Generator;

/// <summary>Where a drop goes: the caller creates files (and folders) for relative paths.</summary>
/// <remarks>The generator disposes every stream it gets once the file is complete.</remarks>
public interface IDropWriter
{
    /// <summary>Creates the file at <paramref name="relativePath"/> ('/'-separated) and returns a writable stream.</summary>
    Stream Create(string relativePath);
}
