namespace HealthDw.Functions.Steps;

/// <summary>The <c>&lt;name&gt;.error.json</c> written beside a rejected file: rules and positions, no values.</summary>
public sealed record ErrorReport(
    string File,
    string Bucket,
    string VersionToken,
    string? Table,
    string? DropId,
    string Stage,
    DateTimeOffset RejectedAt,
    long ProblemCount,
    int ProblemsListed,
    IReadOnlyList<ProblemDto> Problems,
    string WhatNext);
