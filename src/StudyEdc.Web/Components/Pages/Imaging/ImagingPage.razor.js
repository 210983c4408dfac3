// Upload and box drawing for the imaging page. The upload sends the chosen files as one multipart request
// with XMLHttpRequest, because its upload events drive the progress bar. The server streams each part to disk.

export function upload(filesInput, folderInput, url, dotnet) {
    const files = [...filesInput.files, ...folderInput.files];
    if (files.length === 0) {
        return false;
    }

    const form = new FormData();
    for (const file of files) {
        form.append("files", file, file.webkitRelativePath || file.name);
    }

    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = event => {
        if (event.lengthComputable) {
            dotnet.invokeMethodAsync("OnUploadProgress", Math.floor(100 * event.loaded / event.total));
        }
    };
    request.onload = () => dotnet.invokeMethodAsync("OnUploadCompleted", request.status, request.responseText);
    request.onerror = () => dotnet.invokeMethodAsync("OnUploadCompleted", 0, "");
    request.send(form);
    return true;
}

// Lets the user drag a rectangle on the slice image. When the mouse is released, it reports the rectangle in
// image pixels: column and row of the top-left voxel, width and height.
export function enableBoxDrawing(image, dotnet) {
    let start = null;
    const toPixel = event => {
        const rect = image.getBoundingClientRect();
        return {
            x: Math.floor((event.clientX - rect.left) * image.naturalWidth / rect.width),
            y: Math.floor((event.clientY - rect.top) * image.naturalHeight / rect.height),
        };
    };
    image.addEventListener("mousedown", event => {
        event.preventDefault();
        start = toPixel(event);
    });
    image.addEventListener("mouseup", event => {
        if (start === null) {
            return;
        }

        const end = toPixel(event);
        const x = Math.max(0, Math.min(start.x, end.x));
        const y = Math.max(0, Math.min(start.y, end.y));
        const width = Math.abs(end.x - start.x) + 1;
        const height = Math.abs(end.y - start.y) + 1;
        start = null;
        dotnet.invokeMethodAsync("OnBoxDrawn", x, y, width, height);
    });
}
