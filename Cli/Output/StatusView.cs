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
        if (Pace(status) is { } pace)
        {
            grid.AddRow("[grey]pace[/]", pace);
        }
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

    /// <summary>"3 in flight, 42 images/min, about 2 min left" while the request runs; null when the API gave no pace.</summary>
    public static string? Pace(RequestStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.ImagesInFlight is not { } inFlight)
        {
            return null;
        }
        var rate = status.RatePerMinute is { } perMinute ? string.Create(CultureInfo.InvariantCulture, $"{perMinute:0.#} images/min") : "no rate yet";
        var left = status.EstimatedSecondsLeft is { } seconds ? $", about {Duration(seconds)} left" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{inFlight} in flight, {rate}{left}");
    }

    /// <summary>Seconds as people say them: "45 s", "3 min", "1 h 20 min".</summary>
    public static string Duration(int seconds)
    {
        if (seconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, seconds)} s");
        }
        var minutes = (int)Math.Round(seconds / 60.0);
        return minutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60} min");
    }

    public static string Colour(string status) => status switch
    {
        "Completed" => "green",
        "CompletedWithErrors" => "yellow",
        "Failed" or "Cancelled" => "red",
        _ => "blue",
    };
}
