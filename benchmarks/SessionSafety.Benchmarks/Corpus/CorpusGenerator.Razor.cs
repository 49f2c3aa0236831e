using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SessionSafety.Benchmarks.Corpus;

// What the Razor source generator emits for a .razor file: a partial class with BuildRenderTree, #line
// directives that map back to the markup, and the @code block. The analyzers treat these trees as Razor
// output (path ending in _razor.g.cs) and map their diagnostics to the .razor file.
public sealed partial class CorpusGenerator
{
    private const string ChecksumGuid = "{8829d00f-11b8-4213-878b-770e8597ac16}";

    private string EditorMarkup(Entity e)
    {
        var source = RazorSource(e, "Editor");
        var body = new StringBuilder();
        var sequence = 0;
        var markupLine = 4;
        Element(body, ref sequence, "h3", $"\"Edit {e.Camel}\"");
        foreach (var property in AllProperties(e).Where(p => p.Type == "string"))
        {
            markupLine += 2;
            body.Append($$"""
                            __builder.OpenElement({{sequence++}}, "label");
                            __builder.AddContent({{sequence++}}, "{{property.Name}}");
                            __builder.OpenElement({{sequence++}}, "input");
                            __builder.AddAttribute({{sequence++}}, "class", "form-control");
                            __builder.AddAttribute({{sequence++}}, "value", global::Microsoft.AspNetCore.Components.BindConverter.FormatValue(
                #nullable restore
                #line {{markupLine}} "{{source}}"
                                                 model.{{property.Name}}

                #line default
                #line hidden
                #nullable disable
                            ));
                            __builder.AddAttribute({{sequence++}}, "onchange", global::Microsoft.AspNetCore.Components.EventCallback.Factory.CreateBinder(this, __value => model.{{property.Name}} = __value ?? string.Empty, model.{{property.Name}}));
                            __builder.SetUpdatesAttributeName("value");
                            __builder.CloseElement();
                            __builder.CloseElement();

                """);
        }

        foreach (var (label, handler) in new[] { ("Save", "SaveAsync"), ("Submit", "SubmitAsync"), ("Restore draft", "RestoreDraftAsync") })
        {
            body.Append($$"""
                            __builder.OpenElement({{sequence++}}, "button");
                            __builder.AddAttribute({{sequence++}}, "disabled", !CanSave);
                            __builder.AddAttribute({{sequence++}}, "onclick", global::Microsoft.AspNetCore.Components.EventCallback.Factory.Create<global::Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this,
                #nullable restore
                #line {{markupLine + 3}} "{{source}}"
                                                    {{handler}}

                #line default
                #line hidden
                #nullable disable
                            ));
                            __builder.AddContent({{sequence++}}, "{{label}}");
                            __builder.CloseElement();

                """);
        }

        body.Append($$"""
                        if (result != global::Contoso.Shared.SaveResult.None)
                        {
                            __builder.OpenElement({{sequence++}}, "p");
                            __builder.AddAttribute({{sequence++}}, "role", "status");
                            __builder.AddContent({{sequence++}}, StatusText);
                            __builder.CloseElement();
                        }

            """);

        // One editor in four keeps a save in its @code block (it lives in the generated tree).
        var code = string.Empty;
        if (e.Unit % 4 == 1)
        {
            var save = ComponentSave("QuickSaveAsync()", $"model.Notes = (model.Notes ?? string.Empty).Trim();", "model", $"\"{e.Route}/quick\"", $"$\"{e.Route}/{{model.Id}}/quick\"");
            code = $$"""
                #nullable restore
                #line {{markupLine + 8}} "{{source}}"

                {{save}}

                #line default
                #line hidden
                #nullable disable
                """;
        }

        return RazorClass(e, "Editor", source, $"/{e.Plural.ToLowerInvariant()}/{{Id:guid}}/edit", body.ToString(), code, partialWithCodeBehind: true);
    }

    private static void Element(StringBuilder body, ref int sequence, string name, string content)
    {
        body.Append($$"""
                        __builder.OpenElement({{sequence++}}, "{{name}}");
                        __builder.AddContent({{sequence++}}, {{content}});
                        __builder.CloseElement();
                        __builder.AddMarkupContent({{sequence++}}, "\n");

            """);
    }

    private string ListMarkup(Entity e)
    {
        var source = RazorSource(e, "List");
        var body = new StringBuilder();
        var sequence = 0;
        Element(body, ref sequence, "h3", $"\"{e.Plural}\"");
        var columns = AllProperties(e).Take(4).ToList();
        body.Append($$"""
                        __builder.OpenElement({{sequence++}}, "table");
                        __builder.AddAttribute({{sequence++}}, "class", "table table-striped");
                        __builder.OpenElement({{sequence++}}, "thead");
                        __builder.OpenElement({{sequence++}}, "tr");

            """);
        foreach (var column in columns)
        {
            body.Append($$"""
                            __builder.OpenElement({{sequence++}}, "th");
                            __builder.AddContent({{sequence++}}, "{{column.Name}}");
                            __builder.CloseElement();

                """);
        }

        body.Append($$"""
                        __builder.CloseElement();
                        __builder.CloseElement();
                        __builder.OpenElement({{sequence++}}, "tbody");
            #nullable restore
            #line 12 "{{source}}"
                        foreach (var item in Visible)
                        {

            #line default
            #line hidden
            #nullable disable
                            __builder.OpenElement({{sequence++}}, "tr");
                            __builder.AddAttribute({{sequence++}}, "class", selected.Contains(item.Id) ? "table-active" : null);
                            __builder.AddAttribute({{sequence++}}, "onclick", global::Microsoft.AspNetCore.Components.EventCallback.Factory.Create<global::Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, () => Toggle(item.Id)));

            """);
        foreach (var column in columns)
        {
            body.Append($$"""
                                __builder.OpenElement({{sequence++}}, "td");
                                __builder.AddContent({{sequence++}},
                #nullable restore
                #line 15 "{{source}}"
                                                         item.{{column.Name}}

                #line default
                #line hidden
                #nullable disable
                                );
                                __builder.CloseElement();

                """);
        }

        body.Append($$"""
                            __builder.OpenElement({{sequence++}}, "td");
                            __builder.OpenElement({{sequence++}}, "button");
                            __builder.AddAttribute({{sequence++}}, "onclick", global::Microsoft.AspNetCore.Components.EventCallback.Factory.Create<global::Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, () => DeleteAsync(item.Id)));
                            __builder.AddContent({{sequence++}}, "Delete");
                            __builder.CloseElement();
                            __builder.CloseElement();
                            __builder.CloseElement();
            #nullable restore
            #line 20 "{{source}}"
                        }

            #line default
            #line hidden
            #nullable disable
                        __builder.CloseElement();
                        __builder.CloseElement();
                        __builder.OpenElement({{sequence++}}, "button");
                        __builder.AddAttribute({{sequence++}}, "onclick", global::Microsoft.AspNetCore.Components.EventCallback.Factory.Create<global::Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, ApproveSelectedAsync));
                        __builder.AddContent({{sequence++}}, "Approve selected");
                        __builder.CloseElement();
                        __builder.OpenElement({{sequence++}}, "button");
                        __builder.AddAttribute({{sequence++}}, "onclick", global::Microsoft.AspNetCore.Components.EventCallback.Factory.Create<global::Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, Next));
                        __builder.AddContent({{sequence++}}, "Next");
                        __builder.CloseElement();
                        __builder.OpenElement({{sequence++}}, "p");
                        __builder.AddContent({{sequence++}}, global::Contoso.Shared.ResponseHandling.Describe(result));
                        __builder.CloseElement();

            """);
        return RazorClass(e, "List", source, $"/{e.Plural.ToLowerInvariant()}", body.ToString(), string.Empty, partialWithCodeBehind: true);
    }

    private string RazorClass(Entity e, string component, string source, string route, string body, string code, bool partialWithCodeBehind)
    {
        var checksum = Text.Hex(random, 32);
        return $$"""
            #pragma checksum "{{source}}" "{{ChecksumGuid}}" "{{checksum}}"
            // <auto-generated/>
            #pragma warning disable 1591
            namespace {{e.Namespace}}.Pages
            {
                #line default
                using global::System;
                using global::System.Collections.Generic;
                using global::System.Linq;
                using global::System.Threading.Tasks;
                using global::Microsoft.AspNetCore.Components;
            #nullable restore
            #line 1 "{{source}}"
            using System.Net.Http.Json;

            #line default
            #line hidden
            #nullable disable
            #nullable restore
            #line 2 "{{source}}"
            using Contoso.Shared;

            #line default
            #line hidden
            #nullable disable
            #nullable restore
            #line 3 "{{source}}"
            using System.Text;

            #line default
            #line hidden
            #nullable disable
            #nullable restore
            #line 4 "{{source}}"
            using System.Text.Json;

            #line default
            #line hidden
            #nullable disable
            #nullable restore
            #line 5 "{{source}}"
            using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

            #line default
            #line hidden
            #nullable disable
            #nullable restore
            #line 6 "{{source}}"
            using Microsoft.JSInterop;

            #line default
            #line hidden
            #nullable disable
            #nullable restore
            #line 7 "{{source}}"
            using SessionSafety;

            #line default
            #line hidden
            #nullable disable
                [global::Microsoft.AspNetCore.Components.RouteAttribute("{{route}}")]
                #nullable restore
                public {{(partialWithCodeBehind ? "partial " : string.Empty)}}class {{e.Name}}{{component}} : global::Microsoft.AspNetCore.Components.ComponentBase
                #nullable disable
                {
                    #pragma warning disable 1998
                    protected override void BuildRenderTree(global::Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder __builder)
                    {
            {{body}}
                    }
                    #pragma warning restore 1998
            {{code}}
                }
            }
            #pragma warning restore 1591
            """;
    }
}
