// Photos attached to the post, picked up from the file input, drag-and-drop
// and paste. Only their SHA-256 is sent at first; the bytes go to the daemon
// (through the background worker) only when it has not seen a photo before.
// Nothing is stored: the list lives in this page's memory until the post goes.
(function (PG) {
  'use strict';

  const IMAGE_EXT = /\.(jpe?g|png|gif|webp|heic|heif|bmp|tiff?)$/i;
  const isImage = (file) => file.type.startsWith('image/') || IMAGE_EXT.test(file.name);

  async function sha256Hex(file) {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  // A small JPEG data URL for the panel (an extension frame cannot show the
  // page's blob: URLs). Formats the browser cannot draw get no thumbnail.
  async function thumbnailOf(file) {
    try {
      const bitmap = await createImageBitmap(file);
      const scale = Math.min(1, 160 / Math.max(bitmap.width, bitmap.height));
      const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
      return await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
    } catch {
      return null;
    }
  }

  async function base64Of(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  class Attachments {
    constructor(onChange) {
      this.items = []; // {name, sha256, type, file, thumbnail}
      this.onChange = onChange;
      this.pasteCount = 0;
      this.pending = Promise.resolve();
    }

    // Resolves once every photo added so far has been read and hashed.
    settled() {
      return this.pending;
    }

    add(files) {
      const images = [...files].filter(isImage);
      if (!images.length) return this.pending;
      // A photo that cannot be read is not counted; the composer's previews then show it was not checked.
      this.pending = this.pending.then(() => this.#addAll(images)).catch(() => {});
      return this.pending;
    }

    async #addAll(images) {
      for (const file of images) {
        const sha256 = await sha256Hex(file);
        if (this.items.some((item) => item.sha256 === sha256)) continue;
        const name = file.name || `pasted-photo-${++this.pasteCount}.png`;
        this.items.push({ name, sha256, type: file.type, file, thumbnail: await thumbnailOf(file) });
      }
      this.onChange();
    }

    remove(sha256) {
      const item = this.items.find((i) => i.sha256 === sha256);
      if (!item) return;
      this.items = this.items.filter((i) => i !== item);
      this.onChange();
    }

    clear() {
      if (!this.items.length) return;
      this.items = [];
      this.onChange();
    }

    // What a check request carries; `withData` lists the SHA-256s to upload.
    async forRequest(withData = []) {
      return Promise.all(this.items.map(async (item) => {
        const entry = { name: item.name, sha256: item.sha256, type: item.type };
        if (withData.includes(item.sha256)) entry.data = await base64Of(item.file);
        return entry;
      }));
    }

    // {name: thumbnail data URL} for the panel and the dialog.
    thumbnails() {
      return Object.fromEntries(this.items.filter((i) => i.thumbnail).map((i) => [i.name, i.thumbnail]));
    }
  }

  // Watches the ways a photo gets into a post: the file input (read at once, as
  // the page resets its value after reading), drag-and-drop and paste.
  // attachmentsFor(target) -> the Attachments of the composer it belongs to, or null.
  // Capture phase and passive: the page still receives every event unchanged.
  function watchPhotos(attachmentsFor) {
    const take = (target, files) => {
      if (!files?.length) return;
      const list = [...files];
      attachmentsFor(target)?.add(list);
    };
    document.addEventListener('change', (event) => {
      const input = event.target;
      if (input instanceof HTMLInputElement && input.type === 'file') take(input, input.files);
    }, true);
    document.addEventListener('drop', (event) => take(event.target, event.dataTransfer?.files), true);
    document.addEventListener('paste', (event) => take(event.target, event.clipboardData?.files), true);
  }

  PG.watchPhotos = watchPhotos;
  PG.Attachments = Attachments;
})(globalThis.PostGuard ??= {});
