namespace Maas.Contracts.Wire;

/// <summary>One wrong field of an <c>invalid_input</c> failure.</summary>
/// <param name="Field">The field's path, e.g. <c>input_data.description</c>.</param>
/// <param name="Error">What is wrong with it.</param>
public sealed record ValidationError(string Field, string Error);
