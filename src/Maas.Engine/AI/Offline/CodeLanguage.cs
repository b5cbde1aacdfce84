namespace Maas.Engine.AI.Offline;

/// <summary>A programming language the offline client has templates for.</summary>
/// <param name="Id">The canonical id echoed back as <c>language</c>, e.g. <c>csharp</c>.</param>
/// <param name="DisplayName">The human name used in explanations, e.g. <c>C#</c>.</param>
/// <param name="Extension">The file extension including the dot.</param>
/// <param name="PascalCaseFiles">Whether files are conventionally named after a PascalCase type.</param>
/// <param name="CommentPrefix">The line-comment marker.</param>
internal sealed record CodeLanguage(
    string Id,
    string DisplayName,
    string Extension,
    bool PascalCaseFiles,
    string CommentPrefix);
