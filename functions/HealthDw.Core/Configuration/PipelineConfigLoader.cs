using YamlDotNet.RepresentationModel;

namespace HealthDw.Core.Configuration;

/// <summary>
/// Builds the <see cref="PipelineConfig"/> from the files of the <c>warehouse/</c> folder:
/// <c>routes.yml</c> and <c>contracts/**.yml</c>. Any mistake stops start-up with file and line.
/// </summary>
public static class PipelineConfigLoader
{
    public const string RoutesFile = "routes.yml";

    /// <param name="files">Paths relative to the configuration folder, with '/' separators.</param>
    public static PipelineConfig Load(IReadOnlyList<ConfigFile> files)
    {
        var contracts = new Dictionary<string, TableContract>(StringComparer.Ordinal);
        var references = new List<(TableContract Owner, ColumnReference Reference, YamlNode At)>();
        foreach (var file in files.Where(f => f.Path.StartsWith("contracts/", StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var (contract, refs) = ContractParser.Parse(file);
            if (contracts.TryGetValue(contract.Table, out var first))
                throw new ConfigException(file.Path, 1, 1, $"table '{contract.Table}' already has a contract in {first.SourceFile}");
            contracts.Add(contract.Table, contract);
            references.AddRange(refs.Select(r => (contract, r.Reference, r.At)));
        }

        foreach (var (owner, reference, at) in references)
        {
            var problem = !contracts.TryGetValue(reference.Table, out var target)
                ? $"references unknown table '{reference.Table}'"
                : target.Find(reference.Column) is null
                    ? $"references column '{reference.Column}', which table '{reference.Table}' does not have"
                    : null;
            if (problem is not null)
                throw new ConfigException(owner.SourceFile, (int)at.Start.Line, (int)at.Start.Column, problem);
        }

        var routes = files.FirstOrDefault(f => f.Path == RoutesFile)
            ?? throw new ConfigException(RoutesFile, 1, 1, "the configuration folder has no routes.yml");
        if (contracts.Count == 0)
            throw new ConfigException("contracts/", 1, 1, "the configuration folder has no contracts/*.yml");
        var table = RoutesParser.Parse(routes, contracts);
        foreach (var contract in contracts.Values.OrderBy(c => c.SourceFile, StringComparer.Ordinal))
        {
            if (table.Routes.All(r => r.Table != contract.Table))
                throw new ConfigException(contract.SourceFile, 1, 1,
                    $"no route in {RoutesFile} loads table '{contract.Table}', so its files would all be refused as unrouted; "
                    + $"add '- table: {contract.Table}' under routes: in {RoutesFile} (with 'required: false' if not every drop carries it), "
                    + "or remove this contract");
        }

        return new PipelineConfig(table, contracts);
    }
}
