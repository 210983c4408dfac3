using System.Globalization;
using System.Resources;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// The localized messages of one command group, read from the .resx beside it (English neutral, zh-CN twin) in the
/// current UI culture. Numbers in the arguments are formatted by the caller, invariantly where they are data.
/// </summary>
internal sealed class CommandText(Type resourceType)
{
    private readonly ResourceManager _resources = new(resourceType);

    public string Get(string name) => _resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}
