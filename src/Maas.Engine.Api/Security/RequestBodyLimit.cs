using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Maas.Engine.Api.Security;

/// <summary>
/// Bodies over <c>MAX_REQUEST_BODY_BYTES</c> get 413 with a problem body. Kestrel's <c>MaxRequestBodySize</c> is the
/// limit itself (it counts what arrives, chunked bodies included); this middleware answers a body declared too large
/// before anything reads it, and turns Kestrel's <see cref="BadHttpRequestException"/> for one that grows too large
/// while read into the same answer.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, long maxBytes, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            await TooLarge(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLarge(context);
        }
    }

    private Task TooLarge(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // The rest of the body is never read, so the connection cannot carry another request; saying so keeps a
        // client from sending its next request on a connection the server is about to close.
        context.Response.Headers.Connection = "close";
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = string.Create(CultureInfo.InvariantCulture, $"This engine accepts request bodies of at most {maxBytes} bytes (MAX_REQUEST_BODY_BYTES)."),
            },
        }).AsTask();
    }
}
