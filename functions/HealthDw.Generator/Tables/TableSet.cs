using System.Collections.Immutable;

namespace HealthDw.Generator.Tables;

/// <summary>All tables of the extract, in the order a drop writes them.</summary>
internal static class TableSet
{
    public static ImmutableArray<TableSource> Create() =>
    [
        new UsersTable(),
        new AddressTable(),
        new LocationTable(),
        new ProviderTable(),
        new CodeTable(),
        new AppointmentTable(),
        new DiagnosisTable(),
        new ClaimTable(),
        new PaymentTable(),
    ];
}
