using Spectre.Console;

namespace ImagePipeline.Cli.Output;

/// <summary>Where output goes: tables and progress to stdout, errors to stderr, <c>--json</c> as plain text to stdout.</summary>
public static class Terminal
{
    public static IAnsiConsole Out { get; } = AnsiConsole.Console;

    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });

    /// <summary>Set by the command when <c>--json</c> is on, so a failure is reported without tables.</summary>
    public static bool Json { get; set; }

    /// <summary>Machine-readable text, written as is: a Spectre console would wrap it at the terminal's width.</summary>
    public static void WriteRaw(string text) => System.Console.Out.WriteLine(text);
}
