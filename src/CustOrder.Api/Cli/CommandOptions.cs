namespace CustOrder.Api.Cli;

/// <summary>A command's arguments: positional words, <c>--name value</c> options and bare <c>--flags</c>.</summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _given = [];

    public List<string> Positional { get; } = [];

    public static CommandOptions Parse(string[] args, params string[] flags)
    {
        var options = new CommandOptions();
        for (var n = 0; n < args.Length; n++)
        {
            var arg = args[n];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options.Positional.Add(arg);
            }
            else if (flags.Contains(arg[2..]))
            {
                options._flags.Add(arg[2..]);
            }
            else if (arg.Contains('=', StringComparison.Ordinal))
            {
                options.Set(arg[2..arg.IndexOf('=', StringComparison.Ordinal)], arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            }
            else if (n + 1 < args.Length)
            {
                options.Set(arg[2..], args[++n]);
            }
            else
            {
                throw new CommandException($"{arg} needs a value.");
            }
        }

        return options;
    }

    private void Set(string name, string value)
    {
        _values[name] = value;
        _given.Add(KeyValuePair.Create(name, value));
    }

    /// <summary>Every value of an option that may be repeated (<c>--x a --x b</c>), in order; <see cref="Value"/> is the last.</summary>
    public IReadOnlyList<string> All(string name) => [.. _given.Where(option => option.Key == name).Select(option => option.Value)];

    public string? Value(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public bool Flag(string name) => _flags.Contains(name);

    public IReadOnlyList<string> List(string name) =>
        Value(name)?.Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Options given that the command does not know: a typo should stop it, not be ignored.</summary>
    public void RejectUnknown(params string[] known)
    {
        var unknown = _values.Keys.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new CommandException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

/// <summary>A command's refusal: printed as it is, exit code 2, no stack trace.</summary>
public sealed class CommandException(string message) : Exception(message);
