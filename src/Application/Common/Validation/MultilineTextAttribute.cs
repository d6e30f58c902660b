namespace Veza.Application.Common.Validation;

/// <summary>
/// Put on a string property (or on the parameter of a positional record) of a request that holds
/// prose over several lines, such as a description or a chat message: line feeds, carriage returns
/// and tabs are then accepted there. Every other control character is refused in every field.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
public sealed class MultilineTextAttribute : Attribute;
