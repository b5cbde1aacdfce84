namespace Maas.Engine.Agents;

/// <summary>Hears when the model answers, so a timed-out attempt can say when the model last answered.</summary>
public interface IModelCallObserver
{
    void Answered(DateTimeOffset at);
}
