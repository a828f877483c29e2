using System.Text.Json;
using Spectre.Console;

namespace ImagePipeline.Cli.Output;

/// <summary>The errors a problem details answer lists: a CSV's by row, column and reason, or any other by field.</summary>
public static class ProblemView
{
    public static void WriteErrors(IAnsiConsole console, JsonElement problem)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!problem.TryGetProperty("errors", out var errors))
        {
            return;
        }
        if (errors.ValueKind == JsonValueKind.Array)
        {
            var table = new Table().AddColumns("Row", "Column", "Reason");
            foreach (var error in errors.EnumerateArray())
            {
                table.AddRow(
                    error.GetProperty("row").ToString(),
                    Markup.Escape(error.TryGetProperty("column", out var column) && column.ValueKind == JsonValueKind.String ? column.GetString()! : ""),
                    Markup.Escape(error.GetProperty("reason").GetString() ?? ""));
            }
            console.Write(table);
            if (problem.TryGetProperty("errorCount", out var count) && count.GetInt32() > errors.GetArrayLength())
            {
                console.MarkupLine($"[grey]… {count.GetInt32() - errors.GetArrayLength()} more not listed[/]");
            }
        }
        else if (errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                foreach (var reason in field.Value.EnumerateArray())
                {
                    console.MarkupLine($"  {Markup.Escape(field.Name)}: {Markup.Escape(reason.GetString() ?? "")}");
                }
            }
        }
    }
}
