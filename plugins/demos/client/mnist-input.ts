// A drawing turned into what the digit models were trained on, the way MNIST was made: the bounding box
// of the ink scaled to fit 20×20 keeping its aspect ratio (area-averaged, so thin strokes turn grey as in
// the anti-aliased originals), then placed in a 28×28 field with its centre of mass at pixel (14, 14).
// Values in [0,1], row-major. Pure function of the ink, so it is tested without a browser.

/** `ink`: `width`×`height` values in [0,1] (1 = full ink). Returns 784 values, or undefined for no ink. */
export function mnistInput(ink: ArrayLike<number>, width: number, height: number, threshold = 0.05): Float32Array | undefined {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return undefined;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const side = Math.max(w, h);
  const tw = Math.max(1, Math.round((20 * w) / side));
  const th = Math.max(1, Math.round((20 * h) / side));
  // Area average: each target pixel covers a (w/tw)×(h/th) box of source pixels, weighted by overlap.
  const small = new Float32Array(tw * th);
  const sx = w / tw;
  const sy = h / th;
  for (let ty = 0; ty < th; ty++) {
    const fy0 = y0 + ty * sy, fy1 = fy0 + sy;
    for (let tx = 0; tx < tw; tx++) {
      const fx0 = x0 + tx * sx, fx1 = fx0 + sx;
      let sum = 0;
      for (let y = Math.floor(fy0); y < Math.ceil(fy1); y++) {
        const wy = Math.min(y + 1, fy1) - Math.max(y, fy0);
        for (let x = Math.floor(fx0); x < Math.ceil(fx1); x++) {
          const wx = Math.min(x + 1, fx1) - Math.max(x, fx0);
          sum += ink[y * width + x] * wx * wy;
        }
      }
      small[ty * tw + tx] = sum / (sx * sy);
    }
  }
  // Centre of mass of the small image moved to pixel (14, 14) of the 28×28 field, i.e. 14.5 with pixel
  // centres at +0.5 (MNIST's digits have their mean centre of mass at index 14.0 on both axes).
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = small[y * tw + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const ox = Math.round(14.5 - mx / mass);
  const oy = Math.round(14.5 - my / mass);
  const out = new Float32Array(784);
  for (let y = 0; y < th; y++) {
    const Y = y + oy;
    if (Y < 0 || Y >= 28) continue;
    for (let x = 0; x < tw; x++) {
      const X = x + ox;
      if (X >= 0 && X < 28) out[Y * 28 + X] = Math.min(1, Math.max(0, small[y * tw + x]));
    }
  }
  return out;
}
