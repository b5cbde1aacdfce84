namespace Maas.Engine.AI.Offline;

/// <summary>Starter programs for languages with a compile step, each with a conventional entry point.</summary>
internal static class CompiledStarterPrograms
{
    /// <summary>Returns the starter source for <paramref name="language"/>.</summary>
    /// <param name="language">The target language.</param>
    /// <param name="typeName">A PascalCase name for languages whose public class must match the file name.</param>
    /// <param name="header">The rendered header comment.</param>
    /// <param name="message">The code-safe line the program prints.</param>
    public static string Compose(CodeLanguage language, string typeName, string header, string message) => language.Id switch
    {
        "java" => $$"""
            {{header}}
            public class {{typeName}} {
                public static void main(String[] args) {
                    System.out.println("{{message}}");
                }
            }
            """,
        "csharp" => $$"""
            using System;

            {{header}}
            public static class {{typeName}}
            {
                public static void Main()
                {
                    Console.WriteLine("{{message}}");
                }
            }
            """,
        "go" => $$"""
            {{header}}
            package main

            import "fmt"

            func main() {
                fmt.Println("{{message}}")
            }
            """,
        "rust" => $$"""
            {{header}}
            fn main() {
                println!("{{message}}");
            }
            """,
        "c" => $$"""
            #include <stdio.h>

            {{header}}
            int main(void) {
                puts("{{message}}");
                return 0;
            }
            """,
        "cpp" => $$"""
            #include <iostream>

            {{header}}
            int main() {
                std::cout << "{{message}}" << std::endl;
                return 0;
            }
            """,
        "kotlin" => $$"""
            {{header}}
            fun main() {
                println("{{message}}")
            }
            """,
        "swift" => $$"""
            {{header}}
            func main() {
                print("{{message}}")
            }

            main()
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language.Id, "No starter template exists."),
    };
}
