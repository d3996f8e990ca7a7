namespace HealthDw.Core.Configuration;

/// <summary>One column of a staging contract, in the vendor's own name. <paramref name="Phi"/>: its cells identify a
/// person (a name, a birth date, an address, a phone number, an email, an id such as an SSN or MRN, free text), so no
/// command shows one of its values, not even behind a flag.</summary>
public sealed record ColumnSpec(string Name, ColumnType Type, bool Nullable, ColumnReference? References, bool Phi = false);
