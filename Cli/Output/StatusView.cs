using System.Globalization;
using ImagePipeline.Cli.Api;
using Spectre.Console;

namespace ImagePipeline.Cli.Output;

/// <summary>A request's status as people read it.</summary>
public static class StatusView
{
    public static void Write(IAnsiConsole console, RequestStatus status)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(status);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[grey]request[/]", status.RequestId.ToString());
        grid.AddRow("[grey]status[/]", $"[{Colour(status.Status)}]{status.Status}[/]");
        grid.AddRow("[grey]images[/]", Counts(status));
        if (status.SubmittedAt is { } submitted)
        {
            grid.AddRow("[grey]submitted[/]", submitted.ToString("u", CultureInfo.InvariantCulture));
        }
        if (status.CompletedAt is { } completed)
        {
            grid.AddRow("[grey]completed[/]", completed.ToString("u", CultureInfo.InvariantCulture));
        }
        if (status.OutputCsvUrl is { } csv)
        {
            grid.AddRow("[grey]output CSV[/]", Markup.Escape(csv));
        }
        if (status.FailureReason is { } reason)
        {
            grid.AddRow("[grey]reason[/]", $"[red]{Markup.Escape(reason)}[/]");
        }
        console.Write(grid);
    }

    public static string Counts(RequestStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var images = status.Images;
        return images.Total == 0
            ? "–"
            : string.Create(CultureInfo.InvariantCulture,
                $"{images.Succeeded} succeeded, {images.Failed} failed, {images.Pending} pending of {images.Total} ({status.PercentComplete:0.#}%) in {status.ProductCount} products");
    }

    public static string Colour(string status) => status switch
    {
        "Completed" => "green",
        "CompletedWithErrors" => "yellow",
        "Failed" or "Cancelled" => "red",
        _ => "blue",
    };
}
