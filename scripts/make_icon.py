"""Draw the program icon: two interlocked rings ("双近零": near-zero pollution and near-zero carbon)
on a green rounded square. Writes resources/icons/app.png (256 px, window icon) and app.ico
(16–256 px, the Windows executable and installer).

    .venv/bin/python scripts/make_icon.py

Drawn at 1024 px and scaled down, so the small sizes stay smooth; the rings are thick enough to
read at 16 px. Our own drawing, under the project's licence.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
SIZE = 1024
GREEN_TOP = (40, 150, 90)
GREEN_BOTTOM = (18, 100, 70)
RING_LEFT = (255, 255, 255, 255)
RING_RIGHT = (190, 235, 255, 255)


def draw() -> Image.Image:
    gradient = Image.new("RGBA", (SIZE, SIZE))
    px = gradient.load()
    assert px is not None
    for y in range(SIZE):
        t = y / (SIZE - 1)
        colour = (*(round(a + (b - a) * t) for a, b in zip(GREEN_TOP, GREEN_BOTTOM, strict=True)), 255)
        for x in range(SIZE):
            px[x, y] = colour
    mask = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(mask).rounded_rectangle((24, 24, SIZE - 24, SIZE - 24), radius=200, fill=255)
    icon = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    icon.paste(gradient, (0, 0), mask)
    rings = ImageDraw.Draw(icon)
    r, width, cy = 250, 96, SIZE // 2
    left, right = SIZE // 2 - 150, SIZE // 2 + 150
    rings.ellipse((right - r, cy - r, right + r, cy + r), outline=RING_RIGHT, width=width)
    rings.ellipse((left - r, cy - r, left + r, cy + r), outline=RING_LEFT, width=width)
    # Interlock: the right ring passes over the left one at the top crossing.
    over = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    ImageDraw.Draw(over).ellipse((right - r, cy - r, right + r, cy + r), outline=RING_RIGHT, width=width)
    clip = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(clip).rectangle((SIZE // 2 - 140, 0, SIZE // 2 + 140, cy - 60), fill=255)
    icon.paste(over, (0, 0), Image.composite(over.getchannel("A"), clip, clip))
    return icon


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "app.png", optimize=True)
    sizes = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    icon.save(OUT / "app.ico", sizes=sizes)
    for path in (OUT / "app.png", OUT / "app.ico"):
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
