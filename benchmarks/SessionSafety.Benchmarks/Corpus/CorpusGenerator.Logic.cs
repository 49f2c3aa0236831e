using System.Linq;

namespace SessionSafety.Benchmarks.Corpus;

// Plain business logic: the bulk of any real application, and what every operation or syntax
// action of an analyzer is called on without finding anything.
public sealed partial class CorpusGenerator
{
    private static string Model(Entity e)
    {
        var props = AllProperties(e).ToList();
        var declarations = string.Join("\n\n", props.Select(p => $"    public {p.Type} {p.Name} {{ get; set; }}{(p.Type == "string" ? " = string.Empty;" : string.Empty)}"));
        var copy = string.Join("\n", props.Select(p => $"        {p.Name} = {p.Name},"));
        var fromEntity = string.Join("\n", props.Select(p => $"        {p.Name} = entity.{p.Name},"));
        var toEntity = string.Join("\n", props.Select(p => $"        {p.Name} = {p.Name},"));
        var equality = string.Join("\n            && ", props.Select(p => $"Equals({p.Name}, other.{p.Name})"));
        return $$"""
            namespace {{e.Namespace}};

            public enum {{e.Name}}Status
            {
                Draft,
                Submitted,
                Approved,
                Rejected,
                Archived,
            }

            /// <summary>A {{e.Camel}} as the {{e.Module}} module stores it.</summary>
            public sealed class {{e.Name}}
            {
                public Guid Id { get; set; } = Guid.NewGuid();

                public {{e.Name}}Status Status { get; set; }

                public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

                public DateTime? UpdatedAt { get; set; }

                public string? Notes { get; set; }

                public List<string> Tags { get; set; } = new();

            {{declarations}}

                public {{e.Name}} Clone() => new()
                {
                    Id = Id,
                    Status = Status,
                    CreatedAt = CreatedAt,
                    UpdatedAt = UpdatedAt,
                    Notes = Notes,
                    Tags = new List<string>(Tags),
            {{copy}}
                };

                public bool SameContentAs({{e.Name}} other) =>
                    other is not null
                    && {{equality}};

                public override string ToString() => $"{Name} ({Status})";
            }

            public sealed record {{e.Name}}Summary({{e.Name}}Status Status, int Count, decimal Total, DateTime LastChange);

            public sealed record {{e.Name}}StatusPatch({{e.Name}}Status Status, string? Comment);

            public sealed record {{e.Name}}Comment(Guid {{e.Name}}Id, string Author, string Text, DateTime CreatedAt);

            /// <summary>What the MVC form posts.</summary>
            public sealed class {{e.Name}}FormModel
            {
            {{declarations}}

                public static {{e.Name}}FormModel From({{e.Name}} entity) => new()
                {
            {{fromEntity}}
                };

                public {{e.Name}} ToEntity(Guid id) => new()
                {
                    Id = id,
            {{toEntity}}
                };
            }
            """;
    }

    private static string Validator(Entity e)
    {
        var checks = string.Join("\n\n", AllProperties(e).Select(p => p.Kind switch
        {
            PropertyKind.Text => $$"""
                        if (string.IsNullOrWhiteSpace(item.{{p.Name}}))
                        {
                            errors.Add("{{p.Name}} is required.");
                        }
                        else if (item.{{p.Name}}.Length > MaxTextLength)
                        {
                            errors.Add($"{{p.Name}} must be at most {MaxTextLength} characters.");
                        }
                """,
            PropertyKind.Number => $$"""
                        if (item.{{p.Name}} < 0 || item.{{p.Name}} > 10_000)
                        {
                            errors.Add("{{p.Name}} is out of range.");
                        }
                """,
            PropertyKind.Money => $$"""
                        if (item.{{p.Name}} < 0m)
                        {
                            errors.Add("{{p.Name}} cannot be negative.");
                        }
                        else if (decimal.Round(item.{{p.Name}}, 4) != item.{{p.Name}})
                        {
                            errors.Add("{{p.Name}} has too many decimals.");
                        }
                """,
            PropertyKind.Date => $$"""
                        if (item.{{p.Name}} < item.CreatedAt.Date)
                        {
                            errors.Add("{{p.Name}} cannot be before the creation date.");
                        }
                """,
            _ => $$"""
                        if (item.{{p.Name}} && item.Status == {{e.Name}}Status.Archived)
                        {
                            errors.Add("An archived {{e.Camel}} cannot be {{p.Name}}.");
                        }
                """,
        }));
        var normalize = string.Join("\n", AllProperties(e).Where(p => p.Kind == PropertyKind.Text).Select(p => $"        item.{p.Name} = (item.{p.Name} ?? string.Empty).Trim();"));
        return $$"""
            using System.Text.RegularExpressions;

            namespace {{e.Namespace}};

            public sealed class {{e.Name}}Validator
            {
                private const int MaxTextLength = 200;
                private static readonly Regex TagPattern = new("^[a-z0-9][a-z0-9-]{0,31}$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

                public IReadOnlyList<string> Validate({{e.Name}} item)
                {
                    ArgumentNullException.ThrowIfNull(item);
                    var errors = new List<string>();
            {{checks}}

                    foreach (var tag in item.Tags)
                    {
                        if (!TagPattern.IsMatch(tag))
                        {
                            errors.Add($"Tag '{tag}' is not valid.");
                        }
                    }

                    if (item.Tags.Distinct(StringComparer.OrdinalIgnoreCase).Count() != item.Tags.Count)
                    {
                        errors.Add("Tags must be unique.");
                    }

                    if (item.UpdatedAt is { } updated && updated < item.CreatedAt)
                    {
                        errors.Add("The update time is before the creation time.");
                    }

                    return errors;
                }

                public bool IsValid({{e.Name}} item) => Validate(item).Count == 0;

                public {{e.Name}} Normalize({{e.Name}} item)
                {
            {{normalize}}
                    item.Tags = item.Tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
                    return item;
                }
            }
            """;
    }

    private static string Calculator(Entity e)
    {
        var filters = string.Join("\n\n", e.Properties.Select(p => p.Kind switch
        {
            PropertyKind.Text => $$"""
                    public IEnumerable<{{e.Name}}> By{{p.Name}}(IEnumerable<{{e.Name}}> items, string value) =>
                        items.Where(i => string.Equals(i.{{p.Name}}, value, StringComparison.OrdinalIgnoreCase));
                """,
            PropertyKind.Number or PropertyKind.Money => $$"""
                    public IEnumerable<{{e.Name}}> SortedBy{{p.Name}}(IEnumerable<{{e.Name}}> items, bool descending) =>
                        descending ? items.OrderByDescending(i => i.{{p.Name}}).ThenBy(i => i.Name) : items.OrderBy(i => i.{{p.Name}}).ThenBy(i => i.Name);
                """,
            PropertyKind.Date => $$"""
                    public IEnumerable<{{e.Name}}> {{p.Name}}Between(IEnumerable<{{e.Name}}> items, DateTime from, DateTime to) =>
                        items.Where(i => i.{{p.Name}} >= from && i.{{p.Name}} < to).OrderBy(i => i.{{p.Name}});
                """,
            _ => $$"""
                    public int Count{{p.Name}}(IEnumerable<{{e.Name}}> items) => items.Count(i => i.{{p.Name}});
                """,
        }));
        return $$"""
            using System.Globalization;
            using System.Text;

            namespace {{e.Namespace}};

            /// <summary>Totals, discounts and groupings for {{e.Plural.ToLowerInvariant()}}.</summary>
            public sealed class {{e.Name}}Calculator
            {
                private readonly IReadOnlyDictionary<string, decimal> rates;

                public {{e.Name}}Calculator()
                    : this(DefaultRates())
                {
                }

                public {{e.Name}}Calculator(IReadOnlyDictionary<string, decimal> rates)
                {
                    this.rates = rates;
                }

                public decimal Total(IEnumerable<{{e.Name}}> items)
                {
                    decimal total = 0;
                    foreach (var item in items)
                    {
                        if (!item.IsActive || item.Status == {{e.Name}}Status.Rejected)
                        {
                            continue;
                        }

                        total += Convert(LineTotal(item), item.Currency);
                    }

                    return decimal.Round(total, 2, MidpointRounding.AwayFromZero);
                }

                public decimal LineTotal({{e.Name}} item)
                {
                    var gross = item.Amount * item.Quantity;
                    return gross - (gross * DiscountFor(item));
                }

                public decimal DiscountFor({{e.Name}} item) => item.Quantity switch
                {
                    >= 100 => 0.15m,
                    >= 50 => 0.10m,
                    >= 10 => 0.05m,
                    _ => 0m,
                };

                public IReadOnlyList<{{e.Name}}Summary> Summarize(IEnumerable<{{e.Name}}> items) =>
                    items
                        .GroupBy(i => i.Status)
                        .Select(g => new {{e.Name}}Summary(g.Key, g.Count(), g.Sum(LineTotal), g.Max(i => i.UpdatedAt ?? i.CreatedAt)))
                        .OrderByDescending(s => s.Total)
                        .ToList();

                public IEnumerable<{{e.Name}}> Stale(IEnumerable<{{e.Name}}> items, DateTime now, TimeSpan age)
                {
                    foreach (var item in items)
                    {
                        var last = item.UpdatedAt ?? item.CreatedAt;
                        if (now - last > age && item.Status is {{e.Name}}Status.Draft or {{e.Name}}Status.Submitted)
                        {
                            yield return item;
                        }
                    }
                }

                public string Describe({{e.Name}} item)
                {
                    var builder = new StringBuilder();
                    builder.Append(item.Name).Append(" (").Append(item.Status).Append(')');
                    builder.Append(", ").Append(item.Quantity.ToString(CultureInfo.InvariantCulture)).Append(" × ");
                    builder.Append(item.Amount.ToString("0.00", CultureInfo.InvariantCulture)).Append(' ').Append(item.Currency);
                    if (item.Tags.Count > 0)
                    {
                        builder.Append(" [").Append(string.Join(", ", item.Tags)).Append(']');
                    }

                    return builder.ToString();
                }

                public Dictionary<string, List<{{e.Name}}>> ByTag(IEnumerable<{{e.Name}}> items)
                {
                    var result = new Dictionary<string, List<{{e.Name}}>>(StringComparer.OrdinalIgnoreCase);
                    foreach (var item in items)
                    {
                        foreach (var tag in item.Tags)
                        {
                            if (!result.TryGetValue(tag, out var list))
                            {
                                list = new List<{{e.Name}}>();
                                result[tag] = list;
                            }

                            list.Add(item);
                        }
                    }

                    return result;
                }

                public ({{e.Name}}? Largest, {{e.Name}}? Smallest) Extremes(IReadOnlyList<{{e.Name}}> items)
                {
                    if (items.Count == 0)
                    {
                        return (null, null);
                    }

                    var largest = items[0];
                    var smallest = items[0];
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (LineTotal(items[i]) > LineTotal(largest))
                        {
                            largest = items[i];
                        }

                        if (LineTotal(items[i]) < LineTotal(smallest))
                        {
                            smallest = items[i];
                        }
                    }

                    return (largest, smallest);
                }

                public IEnumerable<IReadOnlyList<{{e.Name}}>> Batches(IEnumerable<{{e.Name}}> items, int size)
                {
                    var batch = new List<{{e.Name}}>(size);
                    foreach (var item in items)
                    {
                        batch.Add(item);
                        if (batch.Count == size)
                        {
                            yield return batch;
                            batch = new List<{{e.Name}}>(size);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        yield return batch;
                    }
                }

                public {{e.Name}}Status NextStatus({{e.Name}}Status current, bool approved) => (current, approved) switch
                {
                    ({{e.Name}}Status.Draft, _) => {{e.Name}}Status.Submitted,
                    ({{e.Name}}Status.Submitted, true) => {{e.Name}}Status.Approved,
                    ({{e.Name}}Status.Submitted, false) => {{e.Name}}Status.Rejected,
                    ({{e.Name}}Status.Rejected, _) => {{e.Name}}Status.Draft,
                    _ => current,
                };

                public decimal Convert(decimal amount, string currency) =>
                    rates.TryGetValue(currency, out var rate)
                        ? amount * rate
                        : throw new KeyNotFoundException($"No rate for currency '{currency}'.");

            {{filters}}

                private static IReadOnlyDictionary<string, decimal> DefaultRates() =>
                    new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
                    {
                        ["CHF"] = 1m,
                        ["EUR"] = 0.95m,
                        ["USD"] = 0.88m,
                        ["GBP"] = 1.12m,
                    };
            }
            """;
    }

    private static string Repository(Entity e) => $$"""
        using System.Collections.Concurrent;
        using Contoso.Shared;

        namespace {{e.Namespace}};

        /// <summary>An in-memory store for {{e.Plural.ToLowerInvariant()}}, used by the controllers and the tests.</summary>
        public sealed class {{e.Name}}Repository
        {
            private readonly ConcurrentDictionary<Guid, {{e.Name}}> items = new();
            private readonly {{e.Name}}Validator validator;

            public {{e.Name}}Repository({{e.Name}}Validator validator)
            {
                this.validator = validator;
            }

            public int Count => items.Count;

            public {{e.Name}}? Find(Guid id) => items.TryGetValue(id, out var item) ? item.Clone() : null;

            public IReadOnlyList<{{e.Name}}> Search(string? text)
            {
                var query = items.Values.AsEnumerable();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    query = query.Where(i => i.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                        || (i.Notes?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
                        || i.Tags.Any(t => t.Equals(text, StringComparison.OrdinalIgnoreCase)));
                }

                return query.OrderByDescending(i => i.UpdatedAt ?? i.CreatedAt).Select(i => i.Clone()).ToList();
            }

            public Page<{{e.Name}}> Page(string? text, int number, int size) => Page<{{e.Name}}>.Of(Search(text), number, size);

            public IReadOnlyList<string> Save({{e.Name}} item)
            {
                var errors = validator.Validate(validator.Normalize(item));
                if (errors.Count > 0)
                {
                    return errors;
                }

                item.UpdatedAt = DateTime.UtcNow;
                items.AddOrUpdate(item.Id, item.Clone(), (_, existing) => existing.SameContentAs(item) ? existing : item.Clone());
                return Array.Empty<string>();
            }

            public bool Delete(Guid id) => items.TryRemove(id, out _);

            public IReadOnlyDictionary<{{e.Name}}Status, int> CountByStatus() =>
                items.Values.GroupBy(i => i.Status).ToDictionary(g => g.Key, g => g.Count());

            public int Import(IEnumerable<{{e.Name}}> incoming, ICollection<string> problems)
            {
                var imported = 0;
                foreach (var item in incoming)
                {
                    var errors = Save(item);
                    if (errors.Count == 0)
                    {
                        imported++;
                        continue;
                    }

                    foreach (var error in errors)
                    {
                        problems.Add($"{item.Name}: {error}");
                    }
                }

                return imported;
            }
        }
        """;
}
