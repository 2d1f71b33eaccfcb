// "Save a copy with faces blurred": inside the extension's frame, on this
// computer, a copy of the photo with the chosen faces made unrecognisable:
// pixelated to a coarse grid (a few cells across each face), then blurred
// strongly over that grid, never a light blur that could be undone.
// The copy is offered as a download for the staff member to attach instead.
(function (PG) {
  'use strict';

  const MARGIN = 0.3;   // each side of a face box, as a share of its size: hair, ears and chin too
  const CELLS = 6;      // grid cells across the longer side of a face region
  const BLUR_PASSES = 3; // three box blurs come close to a Gaussian

  // Pixel rectangles of the chosen boxes ([x, y, w, h] fractions), widened and clamped to the picture.
  function regions(width, height, boxes, chosen = boxes.map(() => true)) {
    const out = [];
    boxes.forEach(([bx, by, bw, bh], i) => {
      if (!chosen[i]) return;
      const x0 = Math.max(0, Math.floor((bx - bw * MARGIN) * width));
      const y0 = Math.max(0, Math.floor((by - bh * MARGIN) * height));
      const x1 = Math.min(width, Math.ceil((bx + bw * (1 + MARGIN)) * width));
      const y1 = Math.min(height, Math.ceil((by + bh * (1 + MARGIN)) * height));
      if (x1 > x0 && y1 > y0) out.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
    });
    return out;
  }

  // The side of one grid cell for a region: CELLS across its longer side.
  const cellSize = (rect) => Math.max(1, Math.ceil(Math.max(rect.w, rect.h) / CELLS));

  // In place, on RGBA pixels (`data`, `width` pixels per row): every cell of the
  // grid over `rect` takes the cell's mean colour.
  function pixelate(data, width, rect, cell = cellSize(rect)) {
    for (let cy = rect.y; cy < rect.y + rect.h; cy += cell) {
      for (let cx = rect.x; cx < rect.x + rect.w; cx += cell) {
        const xEnd = Math.min(cx + cell, rect.x + rect.w);
        const yEnd = Math.min(cy + cell, rect.y + rect.h);
        const sum = [0, 0, 0, 0];
        for (let y = cy; y < yEnd; y++) {
          for (let x = cx; x < xEnd; x++) {
            const i = (y * width + x) * 4;
            for (let c = 0; c < 4; c++) sum[c] += data[i + c];
          }
        }
        const n = (xEnd - cx) * (yEnd - cy);
        const mean = sum.map((s) => Math.round(s / n));
        for (let y = cy; y < yEnd; y++) {
          for (let x = cx; x < xEnd; x++) {
            const i = (y * width + x) * 4;
            for (let c = 0; c < 4; c++) data[i + c] = mean[c];
          }
        }
      }
    }
  }

  // One box blur along rows (dx=1) or columns, within rect, edges clamped.
  function boxBlurPass(data, width, rect, radius, horizontal) {
    const len = horizontal ? rect.w : rect.h;
    const lines = horizontal ? rect.h : rect.w;
    const line = new Float64Array(len * 4);
    for (let l = 0; l < lines; l++) {
      const at = (k) => (horizontal ? ((rect.y + l) * width + rect.x + k) : ((rect.y + k) * width + rect.x + l)) * 4;
      for (let k = 0; k < len; k++) for (let c = 0; c < 4; c++) line[k * 4 + c] = data[at(k) + c];
      const win = 2 * radius + 1;
      const sum = [0, 0, 0, 0];
      const clampAt = (k) => Math.max(0, Math.min(len - 1, k)) * 4;
      for (let k = -radius; k <= radius; k++) for (let c = 0; c < 4; c++) sum[c] += line[clampAt(k) + c];
      for (let k = 0; k < len; k++) {
        const i = at(k);
        for (let c = 0; c < 4; c++) data[i + c] = Math.round(sum[c] / win);
        const add = clampAt(k + radius + 1);
        const drop = clampAt(k - radius);
        for (let c = 0; c < 4; c++) sum[c] += line[add + c] - line[drop + c];
      }
    }
  }

  // A strong blur: the radius is a whole grid cell, so the cells' edges are smoothed away too.
  function blur(data, width, rect, radius = cellSize(rect)) {
    for (let pass = 0; pass < BLUR_PASSES; pass++) {
      boxBlurPass(data, width, rect, radius, true);
      boxBlurPass(data, width, rect, radius, false);
    }
  }

  // In place on the pixels of one face region (an ImageData-like {data, width, height}).
  function obscureRegion(image) {
    const whole = { x: 0, y: 0, w: image.width, h: image.height };
    pixelate(image.data, image.width, whole);
    blur(image.data, image.width, whole);
  }

  // photo: a Blob (the attached file) -> a JPEG Blob of the copy.
  async function makeCopy(photo, boxes, chosen) {
    const bitmap = await createImageBitmap(photo); // upright by the photo's own orientation, as the daemon reads it
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    for (const rect of regions(canvas.width, canvas.height, boxes, chosen)) {
      const image = ctx.getImageData(rect.x, rect.y, rect.w, rect.h);
      obscureRegion(image);
      ctx.putImageData(image, rect.x, rect.y);
    }
    return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  }

  // "sports-day.JPG" -> "sports-day-faces-blurred.jpg"
  const copyName = (name) => `${String(name || 'photo').replace(/\.[^./\\]+$/, '')}-faces-blurred.jpg`;

  // The panel's section for one photo: choose the faces (all chosen to start with),
  // make the copy, download it. Kept per photo across the panel's redraws.
  function blurSection({ sha256, name, boxes, file }) {
    const { el } = PG.ui;
    const checkboxes = boxes.map((_, i) => el('input', { type: 'checkbox', checked: true, id: `blur-${sha256}-${i}`,
      'data-focus-key': `blur-face:${sha256}:${i}` }));
    const faces = el('fieldset', { class: 'faces-to-blur' }, el('legend', {}, 'Faces to blur (numbered on the photo)'),
      ...checkboxes.map((box, i) => el('label', { class: 'face-choice', htmlFor: box.id }, box, ` Face ${i + 1}`)));
    const make = el('button', { type: 'button', class: 'primary', 'data-focus-key': `blur-make:${sha256}` },
      'Make the blurred copy');
    const result = el('div', { class: 'blur-result', role: 'status', 'aria-live': 'polite' });
    let url = null;
    make.addEventListener('click', async () => {
      const chosen = checkboxes.map((b) => b.checked);
      if (!chosen.some(Boolean)) {
        result.replaceChildren(el('p', { class: 'help' }, 'Choose at least one face to blur.'));
        return;
      }
      if (!file) {
        result.replaceChildren(el('p', { class: 'help' }, 'PostGuard no longer has this photo. Add it to the post again.'));
        return;
      }
      make.disabled = true;
      result.replaceChildren(el('p', { class: 'help' }, 'Making the copy…'));
      try {
        const copy = await makeCopy(file, boxes, chosen);
        if (url) URL.revokeObjectURL(url);
        url = URL.createObjectURL(copy);
        const link = el('a', { href: url, download: copyName(name), class: 'download', 'data-focus-key': `blur-link:${sha256}` },
          `Download ${copyName(name)}`);
        result.replaceChildren(link, el('p', { class: 'help' },
          'Save it, take the original photo out of the post, then add this copy instead. PostGuard checks the copy again.'));
      } catch {
        result.replaceChildren(el('p', { class: 'help' }, 'PostGuard could not make a copy of this photo (the browser cannot draw it).'));
      } finally {
        make.disabled = false;
      }
    });
    const element = el('section', { class: 'blur-copy', 'aria-label': `Save a copy of ${name} with faces blurred` },
      el('h4', {}, 'Save a copy with faces blurred'),
      el('p', { class: 'hint' }, 'The copy is made on this computer; the photo is not sent anywhere.'), faces, make, result);
    return { element, update(next) { file = next.file ?? file; } };
  }

  PG.blurCopy = { regions, cellSize, pixelate, blur, obscureRegion, makeCopy, copyName, blurSection, CELLS, MARGIN };
})(globalThis.PostGuard ??= {});
