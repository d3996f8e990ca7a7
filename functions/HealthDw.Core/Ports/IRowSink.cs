namespace HealthDw.Core.Ports;

/// <summary>Where validated rows go, column by column, in the contract's order. Synchronous on
/// purpose: it sits on the hot path of a bulk load and buffers internally.</summary>
public interface IRowSink
{
    /// <param name="line">The physical line in the file the row starts on, kept with the row.</param>
    void StartRow(long line);

    void WriteNull();

    void WriteInt32(int value);

    void WriteInt64(long value);

    void WriteDecimal(decimal value);

    void WriteDouble(double value);

    void WriteBoolean(bool value);

    void WriteDate(DateOnly value);

    void WriteTimestamp(DateTime value);

    void WriteText(string value);
}
