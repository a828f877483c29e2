using Spectre.Console;

namespace ImagePipeline.Cli.Output;

/// <summary>Where output goes: tables and progress to stdout, errors to stderr, <c>--json</c> as plain text to stdout.</summary>
public static class Terminal
{
    /// <summary>Width of tables written to a pipe or file, where there is no terminal to fit: wide enough for whole IDs.</summary>
    public const int RedirectedWidth = 200;

    public static IAnsiConsole Out { get; } = Create(System.Console.Out, System.Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(System.Console.Error, System.Console.IsErrorRedirected);

    /// <summary>Set by the command when <c>--json</c> is on, so a failure is reported without tables.</summary>
    public static bool Json { get; set; }

    /// <summary>Machine-readable text, written as is: a Spectre console would wrap it at the terminal's width.</summary>
    public static void WriteRaw(string text) => System.Console.Out.WriteLine(text);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            // a script reads these lines: a request ID folded over two of them cannot be found
            console.Profile.Width = RedirectedWidth;
        }
        return console;
    }
}
