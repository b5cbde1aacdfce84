namespace Maas.Engine.AI.Offline;

/// <summary>Deterministic, syntactically valid starter programs that print a TODO line.</summary>
/// <remarks>Scripting languages live here; languages with a compile step live in <see cref="CompiledStarterPrograms"/>.</remarks>
internal static class StarterPrograms
{
    /// <summary>Returns the starter source for <paramref name="language"/>.</summary>
    /// <param name="language">The target language.</param>
    /// <param name="typeName">A PascalCase name, used where the language needs a class matching the file.</param>
    /// <param name="notes">Code-safe lines describing the task, placed in the header comment.</param>
    /// <param name="message">The code-safe line the program prints.</param>
    public static string Compose(CodeLanguage language, string typeName, IReadOnlyList<string> notes, string message)
    {
        var header = string.Join('\n', notes.Select(note => (language.CommentPrefix + " " + note).TrimEnd()));
        return language.Id switch
        {
            "python" => $$""""
                """{{string.Join('\n', notes)}}
                """


                def main() -> None:
                    print("{{message}}")


                if __name__ == "__main__":
                    main()
                """",
            "javascript" => $$"""
                {{header}}
                function main() {
                  console.log("{{message}}");
                }

                main();
                """,
            "typescript" => $$"""
                {{header}}
                function main(): void {
                  console.log("{{message}}");
                }

                main();
                """,
            "ruby" => $$"""
                {{header}}
                def main
                  puts "{{message}}"
                end

                main if __FILE__ == $PROGRAM_NAME
                """,
            "bash" => $$"""
                #!/usr/bin/env bash
                {{header}}
                set -euo pipefail

                main() {
                  echo "{{message}}"
                }

                main "$@"
                """,
            "php" => $$"""
                <?php

                {{header}}
                function main(): void
                {
                    echo "{{message}}" . PHP_EOL;
                }

                main();
                """,
            _ => CompiledStarterPrograms.Compose(language, typeName, header, message),
        };
    }
}
