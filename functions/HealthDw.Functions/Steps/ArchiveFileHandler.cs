using System.Text.Json;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Core.Validation;

namespace HealthDw.Functions.Steps;

/// <summary>
/// Archive File: a loaded file moves to <c>processed/&lt;drop&gt;/</c>; a refused one to
/// <c>error_files/&lt;drop&gt;/</c> with <c>&lt;name&gt;.error.json</c> beside it, and the refusal is
/// recorded in the warehouse's audit trail. Nothing is deleted that is not kept elsewhere.
/// <para>It moves the version the event named, never whatever the key holds now: in a versioned bucket that version is
/// copied and then removed by its VersionId, so a newer version that arrived meanwhile stays in <c>raw_files/</c>,
/// current and visible, for its own execution. Where the named version is gone (a folder or unversioned bucket whose key
/// was overwritten) nothing is moved and the step fails with <see cref="ObjectVersionGoneException"/>: the newer content
/// is not archived under this version's name, unless another execution of the same file archived it
/// (<see cref="ArchivedVersion"/>): then this one yields.</para>
/// </summary>
public sealed class ArchiveFileHandler(IObjectStore store, IWarehouse warehouse, IClock clock)
{
    private readonly ArchivedVersion _archived = new(store, warehouse);

    public async Task<ArchiveResult> HandleAsync(ArchiveRequest request, CancellationToken ct)
    {
        var file = request.File;
        var verdict = request.Failure is { } failure ? StepFailed(failure) : request.Verdict;
        if (verdict is null || !verdict.Rejected)
        {
            var place = BucketLayout.ProcessedKey(file.DropId, file.FileName);
            var (target, sameContent) = await TargetAsync(file, place, ct);
            try
            {
                await MoveAsync(file, target, sameContent, ct);
            }
            catch (ObjectVersionGoneException)
            {
                if (!await ArchivedByAnotherExecutionAsync(file, verdict, ct)) throw;
                return new ArchiveResult(StepStatus.Processed, place, null,
                    $"{file.Key} was archived to {BucketLayout.ProcessedFolder(file.DropId)} by another execution of the same file: nothing left to do");
            }

            return new ArchiveResult(StepStatus.Processed, target, null, $"{file.Key} archived to {target}");
        }

        // A version that is gone gets no report (and nothing is archived under its name): one ranged read of it first,
        // which throws ObjectVersionGoneException, because the report is written before the move and this step may not
        // delete in error_files/. Gone because another execution refused and archived it (two drops of one bad file): yield.
        var yielded = $"{file.Key} was refused and archived to {BucketLayout.ErrorFolder(file.DropId)} by another execution of the same file: nothing left to do";
        try
        {
            await store.ReadPrefixAsync(file.Object, 1, ct);
        }
        catch (ObjectVersionGoneException)
        {
            if (!await _archived.RejectedAndArchivedAsync(file.Object, file.DropId, ct)) throw;
            return new ArchiveResult(StepStatus.AlreadyRejected, BucketLayout.ErrorKey(file.DropId, file.FileName), null, yielded);
        }

        var (errorKey, sameContentThere) = await TargetAsync(file, BucketLayout.ErrorKey(file.DropId, file.FileName), ct);
        var reportKey = BucketLayout.ReportKey(errorKey);
        var report = new ErrorReport(file.Key, file.Bucket, file.Object.VersionToken, file.Table, file.DropId, verdict.Stage,
            clock.Now, verdict.ProblemCount, verdict.Problems.Count, verdict.Problems, WhatNext(verdict));
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, HealthDwJsonContext.Readable.ErrorReport)))
        {
            await store.PutAsync(reportKey, json, ct);
        }

        // The report, then the audit row, then the move: a crash in between leaves the file in raw_files/ for a replay (which
        // refuses it again), and another execution of the same version that finds it gone from raw_files/ finds its refusal
        // on record (ArchivedVersion.RejectedAndArchivedAsync) and yields.
        var first = verdict.Problems.FirstOrDefault()?.ToString() ?? "rejected";
        await warehouse.RecordRejectionAsync(new Rejection(file.Bucket, file.Key, file.Object.VersionToken, file.Table, file.DropId,
            verdict.Stage, verdict.ProblemCount, first, reportKey, clock.Now), ct);
        try
        {
            await MoveAsync(file, errorKey, sameContentThere, ct);
        }
        catch (FileNotFoundException) // ObjectVersionGoneException, or the rename of another execution's move that won
        {
            if (!await _archived.MovedAwayAsync(file.Object, ct)) throw;
            return new ArchiveResult(StepStatus.AlreadyRejected, errorKey, null, yielded);
        }

        var more = verdict.ProblemCount > 1 ? $" (and {verdict.ProblemCount - 1} more)" : "";
        return new ArchiveResult(StepStatus.Rejected, errorKey, reportKey,
            $"{file.Key} rejected at {verdict.Stage}: {first}{more}; report {reportKey}");
    }

    /// <summary>Two executions of one file (two drops, a duplicate event): the one that moves it first archives it, and
    /// the other yields. A data file must be in the ledger (loaded, so it went to processed/); a control file (no verdict)
    /// is never refused, so where it went is processed/.</summary>
    private async Task<bool> ArchivedByAnotherExecutionAsync(FileRef file, FileVerdict? verdict, CancellationToken ct) =>
        verdict is null ? await _archived.MovedAwayAsync(file.Object, ct) : await _archived.LoadedAndArchivedAsync(file.Object, ct) is not null;

    private static string WhatNext(FileVerdict verdict) => verdict.Problems.FirstOrDefault()?.Rule switch
    {
        Rules.UnknownFile => $"Rename the file so it matches a route in routes.yml (or add a route and a contract for it), then drop it into {BucketLayout.Raw} again.",
        Rules.StepFailed => $"Nothing is wrong with the file as far as is known: see the execution's history for the step's error, then drop the file into {BucketLayout.Raw} again.",
        _ => $"Fix the problems listed (line and column are 1-based; line 1 is the header) and drop the corrected file into {BucketLayout.Raw} again.",
    };

    /// <summary>A step that kept failing: the file is refused with the error's name (its cause stays in the execution).</summary>
    private static FileVerdict StepFailed(StepFailure failure) =>
        new(StepStatus.Rejected, "workflow", null, 0, 0, 0, 1,
            [ProblemDto.From(new FileProblem(Rules.StepFailed, 0, null, null, $"a step failed after its retries: {failure.Error}",
                "see the execution's history for the cause; drop the file again once it is fixed"))], []);

    /// <summary>Where the file goes, from one look at the target: the key itself (and whether the very same
    /// content is already there, a re-drop), or, when an earlier different version sits there, a folder named
    /// by this version's token.</summary>
    private async Task<(string Key, bool SameContentThere)> TargetAsync(FileRef file, string key, CancellationToken ct)
    {
        if (await store.HeadAsync(key, ct) is not { } existing) return (key, false);
        if (existing.ETag == file.ETag || existing.VersionToken == file.Object.VersionToken) return (key, true); // same bytes, or a copy of them
        return (BucketLayout.KeyBesideEarlierVersion(key, file.Object.VersionToken), false);
    }

    /// <summary>Moves the file's version; when the same content is archived there already, that version is removed instead,
    /// as nothing is lost by it.</summary>
    private Task MoveAsync(FileRef file, string target, bool sameContentThere, CancellationToken ct) =>
        sameContentThere ? store.DeleteVersionAsync(file.Object, ct) : store.MoveAsync(file.Object, target, ct);

    public static FileVerdict UnknownFile(string reason) =>
        new(StepStatus.Rejected, "route", null, 0, 0, 0, 1,
            [ProblemDto.From(new FileProblem(Rules.UnknownFile, 0, null, null, "the file name matches no route", reason))], []);
}
