namespace HealthDw.Generator;

/// <summary>One CSV file of a drop, as listed in the manifest.</summary>
/// <param name="Name">File name, e.g. <c>register_users_20261121T0200.csv</c>.</param>
/// <param name="Table">Table id, <c>&lt;schema&gt;_&lt;table&gt;</c>.</param>
/// <param name="Part">1-based part number when the table was split, otherwise null.</param>
/// <param name="Rows">Data rows, excluding the header.</param>
/// <param name="Bytes">Size of the file as written.</param>
/// <param name="Sha256">SHA-256 of the file as written, lowercase hex.</param>
public sealed record GeneratedFile(string Name, string Table, int? Part, long Rows, long Bytes, string Sha256);
