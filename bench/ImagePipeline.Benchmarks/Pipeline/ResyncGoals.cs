using System.Globalization;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>The re-sync benchmark's table of ratios: each measured run against the run it is compared to, with its goal.</summary>
public sealed class ResyncGoals
{
    private readonly List<string> _rows = [];

    /// <summary>A ratio with a goal of at most <paramref name="goal"/>.</summary>
    public void AtMost(string part, string measure, double baseline, double measured, string unit, double goal) =>
        Add(part, measure, baseline, measured, unit, string.Create(CultureInfo.InvariantCulture, $"≤ {goal:0.00}"), measured / baseline <= goal ? "**met**" : "**not met**");

    /// <summary>A ratio the issue sets no number for; <paramref name="expectation"/> says what it should be and why.</summary>
    public void Reported(string part, string measure, double baseline, double measured, string unit, string expectation) =>
        Add(part, measure, baseline, measured, unit, expectation, "—");

    public void Print()
    {
        Console.WriteLine("| part | measure | compared to | measured | ratio | goal | |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        _rows.ForEach(Console.WriteLine);
    }

    /// <summary><paramref name="unit"/> is appended to both figures as given (" s", " MB"); empty for a count.</summary>
    private void Add(string part, string measure, double baseline, double measured, string unit, string goal, string verdict) =>
        _rows.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {part} | {measure} | {baseline:0.##}{unit} | {measured:0.##}{unit} | **{(baseline > 0 ? measured / baseline : double.NaN):0.000}** | {goal} | {verdict} |"));
}
