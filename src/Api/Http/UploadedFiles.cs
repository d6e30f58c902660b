using Veza.Application.Common.Exceptions;

namespace Veza.Api.Http;

/// <summary>The one way an endpoint takes a multipart file: present (else 400 on field file) and within its size limit (else 413).</summary>
public static class UploadedFiles
{
    /// <returns>The file's content (the form reader has spooled a large one to a temporary file: this streams from there), length and client name.</returns>
    public static (Stream Content, long Length, string? Name) Open(IFormFile? file, long maxBytes)
    {
        if (file is null)
        {
            throw new RequestValidationException([new FieldError("file", "Send the file as the multipart form field 'file'.")]);
        }

        if (file.Length > maxBytes)
        {
            throw new FileTooLargeException(maxBytes);
        }

        return (file.OpenReadStream(), file.Length, file.FileName);
    }
}
