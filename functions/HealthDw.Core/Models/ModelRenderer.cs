using System.Text;

namespace HealthDw.Core.Models;

/// <summary>Turns a model's template into the SQL of one dialect.</summary>
public static class ModelRenderer
{
    public const string Ledger = "audit.load_ledger";

    public static string Render(Model model, RenderContext context)
    {
        var sql = new StringBuilder();
        Append(sql, model.Template, context);
        return sql.ToString().Trim();
    }

    private static void Append(StringBuilder sql, IEnumerable<TemplatePart> parts, RenderContext context)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case TextPart text:
                    sql.Append(text.Text);
                    break;
                case IncrementalPart block:
                    Append(sql, context.Incremental ? block.WhenIncremental : block.Otherwise, context);
                    break;
                case CallPart call:
                    sql.Append(Call(call, context));
                    break;
            }
        }
    }

    private static string Call(CallPart call, RenderContext context)
    {
        var d = context.Dialect;
        return call.Name switch
        {
            "config" => "",
            "ref" => call.Arg(0),
            "source" => $"{call.Arg(0)}.{call.Arg(1)}",
            "this" => context.This,
            "drop_loads" => $"(select load_id from {Ledger} where drop_id = '{context.DropId.Replace("'", "''", StringComparison.Ordinal)}')",
            "as_of" => d.TimestampLiteral(context.AsOf),
            "days_between" => d.DaysBetween(Arg(call, 0, context), Arg(call, 1, context)),
            "add_days" => d.AddDays(Arg(call, 0, context), Arg(call, 1, context)),
            "date_spine" => d.DateSpine(call.Arg(0), call.Arg(1)),
            "day_of_week_iso" => d.DayOfWeekIso(call.Arg(0)),
            "month_name" => d.MonthName(call.Arg(0)),
            _ => throw new InvalidOperationException($"macro {call.Name} passed the parser but has no rendering"),
        };
    }

    /// <summary>An SQL-expression argument: a quoted expression, or a nested call such as <c>as_of()</c>.</summary>
    private static string Arg(CallPart call, int index, RenderContext context) =>
        call.ArgValue(index) is { Call: { } nested }
            ? Call(new CallPart(call.Line, call.Column, nested, [], new Dictionary<string, TemplateValue>()), context)
            : call.Arg(index);
}
