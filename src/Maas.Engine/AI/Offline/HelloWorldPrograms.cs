namespace Maas.Engine.AI.Offline;

/// <summary>Conventional, compilable hello-world programs per language.</summary>
internal static class HelloWorldPrograms
{
    /// <summary>Returns the conventional file name and source of the hello-world program for <paramref name="language"/>.</summary>
    public static (string FileName, string Code) For(CodeLanguage language) => language.Id switch
    {
        "python" => ("hello_world.py", "print('Hello, World!')"),
        "javascript" => ("hello_world.js", "console.log('Hello, World!');"),
        "typescript" => ("hello_world.ts", "const message: string = 'Hello, World!';\nconsole.log(message);"),
        "java" => ("Main.java", """
            public class Main {
                public static void main(String[] args) {
                    System.out.println("Hello, World!");
                }
            }
            """),
        "csharp" => ("Program.cs", """
            using System;

            public static class Program
            {
                public static void Main()
                {
                    Console.WriteLine("Hello, World!");
                }
            }
            """),
        "go" => ("main.go", """
            package main

            import "fmt"

            func main() {
                fmt.Println("Hello, World!")
            }
            """),
        "rust" => ("main.rs", """
            fn main() {
                println!("Hello, World!");
            }
            """),
        "ruby" => ("hello_world.rb", "puts 'Hello, World!'"),
        "bash" => ("hello_world.sh", "#!/usr/bin/env bash\necho 'Hello, World!'"),
        "c" => ("hello_world.c", """
            #include <stdio.h>

            int main(void) {
                printf("Hello, World!\n");
                return 0;
            }
            """),
        "cpp" => ("hello_world.cpp", """
            #include <iostream>

            int main() {
                std::cout << "Hello, World!" << std::endl;
                return 0;
            }
            """),
        "php" => ("hello_world.php", "<?php\n\necho 'Hello, World!' . PHP_EOL;"),
        "kotlin" => ("Main.kt", """
            fun main() {
                println("Hello, World!")
            }
            """),
        "swift" => ("main.swift", "print(\"Hello, World!\")"),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language.Id, "No hello-world template exists."),
    };
}
