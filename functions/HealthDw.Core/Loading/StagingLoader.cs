using System.Diagnostics;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Ports;
using HealthDw.Core.Validation;

namespace HealthDw.Core.Loading;

/// <summary>
/// The Load step, streamed: reads the file once, checks every row and cell against the contract,
/// and bulk-copies clean rows into staging in one transaction with the file's ledger row. At the
/// first problem the copy is abandoned; reading goes on only to list the problems. So a file is
/// loaded whole, or not at all, and never twice.
/// </summary>
public sealed class StagingLoader(IWarehouse warehouse, IObjectStore store, IClock clock) : IFileLoader
{
    private const int ProgressEvery = 16_384;

    public async Task<LoadOutcome> LoadAsync(RoutedFile file, TableContract contract, IProgress<FileLoadProgress>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (await warehouse.FindLoadAsync(file.Object, ct) is { } done)
            return AlreadyLoaded(done.LoadId, done.Rows, started);

        var request = new LoadRequest(file.Object, contract, file.DropId.Value, file.Part, clock.NewId(), clock.Now);
        await using var load = await warehouse.BeginLoadAsync(request, ct);
        if (load is null)
            return await warehouse.FindLoadAsync(file.Object, ct) is { } raced
                ? AlreadyLoaded(raced.LoadId, raced.Rows, started)
                : throw new InvalidOperationException("the ledger refused the load but holds no row for the file");

        var problems = new ProblemLog();
        var keyOrder = new KeyOrder(contract);
        long rows;
        IReadOnlyList<int> fieldMap = [];
        // The version the ledger row names, never a newer one written under the key since.
        await using (var stored = await store.OpenReadAsync(file.Object, ct))
        await using (var stream = CompressedFile.Open(stored, CompressedFile.Of(file.Object.Key)))
        {
            rows = CopyRows(contract, stream, load, problems, keyOrder, progress, ref fieldMap, ct);
        }

        if (problems.Any)
        {
            await load.AbortAsync(ct);
            return Rejected(request.LoadId, rows, problems, started);
        }

        await load.FinishRowsAsync(ct);
        if (rows == 0 && !contract.AllowEmpty)
        {
            problems.Add(new FileProblem(Rules.NoRows, 2, null, null, "the file has a header but no rows",
                $"send at least one row, or set allow_empty: true in {contract.SourceFile}"));
            return Rejected(request.LoadId, rows, problems, started);
        }

        // The 1-based field of a contract column in this file, so key and reference problems point at a column too.
        int? FieldOf(string column) => contract.Columns.ToList().FindIndex(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase))
            is var j and >= 0 && j < fieldMap.Count ? fieldMap[j] + 1 : null;
        var deferred = await CheckKeysAsync(contract, file.DropId.Value, load, problems, keyOrder.StrictlyAscending, FieldOf, ct);
        if (problems.Any) return Rejected(request.LoadId, rows, problems, started);

        await load.CommitAsync(rows, ct);
        return new LoadOutcome(LoadStatus.Loaded, request.LoadId, rows, file.Object.Size, Stopwatch.GetElapsedTime(started),
            0, [], deferred);
    }

    /// <summary>The hot loop: synchronous, one buffer, no allocation per row but the strings of text cells.</summary>
    private static long CopyRows(TableContract contract, Stream stream, IStagingLoad load, ProblemLog problems,
        KeyOrder keyOrder, IProgress<FileLoadProgress>? progress, ref IReadOnlyList<int> fieldMap, CancellationToken ct)
    {
        using var rows = CheckedRows.Open(stream, contract, problems);
        if (rows is null) return 0;
        fieldMap = rows.FieldMap;

        var sink = load.Rows;
        var columns = contract.Columns;
        while (rows.Next(ct))
        {
            var cells = rows.Cells;
            keyOrder.Observe(cells);
            sink.StartRow(rows.Line);
            for (var j = 0; j < cells.Length; j++) Write(sink, columns[j].Type.Kind, in cells[j]);

            if (rows.Rows % ProgressEvery == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new FileLoadProgress(rows.Rows, rows.BytesConsumed));
            }
        }

        progress?.Report(new FileLoadProgress(rows.Rows, rows.BytesConsumed));
        return rows.Rows;
    }

    private static void Write(IRowSink sink, ColumnKind kind, in CellValue cell)
    {
        if (cell.IsNull) { sink.WriteNull(); return; }
        switch (kind)
        {
            case ColumnKind.Text or ColumnKind.Varchar: sink.WriteText(cell.Text!); break;
            case ColumnKind.Integer: sink.WriteInt32((int)cell.Int64); break;
            case ColumnKind.BigInt: sink.WriteInt64(cell.Int64); break;
            case ColumnKind.Decimal: sink.WriteDecimal(cell.Decimal); break;
            case ColumnKind.Boolean: sink.WriteBoolean(cell.Boolean); break;
            case ColumnKind.Date: sink.WriteDate(cell.Date); break;
            case ColumnKind.Timestamp: sink.WriteTimestamp(cell.Timestamp); break;
            case ColumnKind.Double: sink.WriteDouble(cell.Double); break;
            default: throw new InvalidOperationException($"unhandled column kind {kind}");
        }
    }

    /// <returns>The references that wait for the drop because their table has not arrived yet.</returns>
    private static async Task<IReadOnlyList<string>> CheckKeysAsync(TableContract contract, string dropId, IStagingLoad load,
        ProblemLog problems, bool keysStrictlyAscending, Func<string, int?> fieldOf, CancellationToken ct)
    {
        // Keys that only ever grow cannot repeat: extracts usually come sorted by key, and then the query is not needed.
        if (contract.PrimaryKey.Count > 0 && !keysStrictlyAscending)
        {
            var duplicates = await load.FindDuplicateKeysAsync(contract.PrimaryKey, ct);
            var key = string.Join(", ", contract.PrimaryKey);
            problems.Add(duplicates.FirstLines.Select(line => new FileProblem(Rules.DuplicateKey, line, fieldOf(contract.PrimaryKey[0]), key,
                "another row of the file has the same primary key", $"each row must have a distinct {key}")), duplicates.Count);
        }

        var deferred = new List<string>();
        foreach (var column in contract.Columns.Where(c => c.References is not null))
        {
            var reference = column.References!;
            if (!await load.HasLoadedDropAsync(reference.Table, dropId, ct))
            {
                deferred.Add($"{column.Name} -> {reference}");
                continue;
            }

            var orphans = await load.FindOrphansAsync(column.Name, reference, ct);
            problems.Add(orphans.FirstLines.Select(line => new FileProblem(Rules.Reference, line, fieldOf(column.Name), column.Name,
                $"the value does not exist in {reference}", $"every {column.Name} must match a {reference.Column} loaded into {reference.Table}")),
                orphans.Count);
        }

        return deferred;
    }

    private static LoadOutcome AlreadyLoaded(Guid loadId, long rows, long started) =>
        new(LoadStatus.AlreadyLoaded, loadId, rows, 0, Stopwatch.GetElapsedTime(started), 0, [], []);

    private static LoadOutcome Rejected(Guid loadId, long rows, ProblemLog problems, long started) =>
        new(LoadStatus.Rejected, loadId, rows, 0, Stopwatch.GetElapsedTime(started), problems.Total, problems.Kept, []);
}
