using System.Collections.Generic;

namespace SessionSafety.Benchmarks.Corpus;

/// <summary>A property of a generated model: its type, name and a sample value expression.</summary>
public sealed record Property(string Type, string Name, string Sample, PropertyKind Kind);

public enum PropertyKind
{
    Text,
    Number,
    Money,
    Date,
    Flag,
}

/// <summary>
/// One business entity of the generated application (Order, Invoice, …): everything a unit of the
/// corpus generates for it (model, validator, services, API client, components, controller) uses it.
/// </summary>
public sealed class Entity
{
    public Entity(int unit, string module, string name, int generation, IReadOnlyList<Property> properties)
    {
        Unit = unit;
        Module = module;
        Name = name;
        Generation = generation;
        Properties = properties;
    }

    /// <summary>The running number of the unit this entity's files form.</summary>
    public int Unit { get; }

    public string Module { get; }

    /// <summary>The type name, e.g. <c>Order</c>.</summary>
    public string Name { get; }

    /// <summary>0 for the first pass over the nouns; later passes make new namespaces.</summary>
    public int Generation { get; }

    public IReadOnlyList<Property> Properties { get; }

    public string Plural => Name.EndsWith("y") && !Name.EndsWith("ey") ? Name[..^1] + "ies" : Name.EndsWith("s") ? Name + "es" : Name + "s";

    public string Namespace => Generation == 0 ? $"Contoso.{Module}.{Plural}" : $"Contoso.{Module}.{Plural}.V{Generation + 1}";

    /// <summary>The API route, e.g. <c>api/sales/orders</c>.</summary>
    public string Route => $"api/{Module.ToLowerInvariant()}/{Plural.ToLowerInvariant()}" + (Generation == 0 ? string.Empty : $"/v{Generation + 1}");

    public string Camel => char.ToLowerInvariant(Name[0]) + Name[1..];

    public string FolderPath => $"/src/Contoso.{Module}/{Plural}" + (Generation == 0 ? string.Empty : $"/V{Generation + 1}");
}
