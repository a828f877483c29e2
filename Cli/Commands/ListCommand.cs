using System.Globalization;
using System.Text.Json;
using ImagePipeline.Cli.Api;
using ImagePipeline.Cli.Output;
using ImagePipeline.Cli.Settings;
using Spectre.Console;

namespace ImagePipeline.Cli.Commands;

/// <summary><c>list [--status S] [--limit N] [--cursor C]</c>: a page of your requests, newest first.</summary>
public sealed class ListCommand : GatewayCommand<ListSettings>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    protected override async Task<int> RunAsync(GatewayClient gateway, ListSettings settings, CancellationToken cancellationToken)
    {
        var page = await gateway.ListAsync(settings.Status, settings.Limit, settings.Cursor, cancellationToken);
        if (settings.Json)
        {
            Terminal.WriteRaw(JsonText.Indented(page));
            return ExitCodes.Completed;
        }

        var table = new Table().AddColumns("Request", "Status", "Images", "Submitted");
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            var status = item.Deserialize<RequestStatus>(Web)!;
            table.AddRow(
                status.RequestId.ToString(),
                $"[{StatusView.Colour(status.Status)}]{status.Status}[/]",
                status.Images.Total == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{status.Images.Succeeded + status.Images.Failed}/{status.Images.Total}"),
                status.SubmittedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "–");
        }
        Terminal.Out.Write(table);
        if (page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String)
        {
            Terminal.Out.MarkupLine($"[grey]More:[/] imagepipeline list --cursor {Markup.Escape(next.GetString()!)}");
        }
        return ExitCodes.Completed;
    }
}
