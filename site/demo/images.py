"""Illustrations for demo case stories, drawn with Pillow (nothing is downloaded).

A simple street scene: sky, buildings with lit windows, trees and people, in one of a
few palettes, seeded so the same case always gets the same picture.
"""

import io
import random

from PIL import Image, ImageDraw

PALETTES = {
    "teal": ("#d8f0ee", "#7fc4bd", "#1f6f6a", "#f2b134"),
    "amber": ("#fdf0d5", "#f2c572", "#9a5b13", "#2f6690"),
    "rose": ("#fbe4e6", "#e59aa4", "#8c2f39", "#3a6ea5"),
    "indigo": ("#e3e7fb", "#97a3e8", "#2d3a8c", "#f29e4c"),
    "green": ("#e3f4df", "#95cf8a", "#2e6b30", "#d9822b"),
    "slate": ("#e6ebef", "#9fb0bf", "#34495e", "#e07a5f"),
}


def draw_scene(palette: str, seed: int, size=(1200, 675)) -> bytes:
    sky, light, dark, accent = PALETTES.get(palette, PALETTES["slate"])
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    ground = int(height * 0.78)
    # Sun or moon
    radius = rng.randint(40, 70)
    cx, cy = rng.randint(radius, width - radius), rng.randint(radius, int(height * 0.3))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=accent)
    # Buildings
    x = -20
    while x < width:
        w = rng.randint(110, 220)
        h = rng.randint(int(height * 0.3), int(height * 0.62))
        colour = light if rng.random() < 0.5 else dark
        draw.rectangle((x, ground - h, x + w, ground), fill=colour)
        window = "#fff7d6" if colour == dark else "#ffffff"
        for wy in range(ground - h + 18, ground - 30, 36):
            for wx in range(x + 14, x + w - 24, 30):
                if rng.random() < 0.6:
                    draw.rectangle((wx, wy, wx + 14, wy + 18), fill=window)
        x += w + rng.randint(6, 24)
    # Ground and trees
    draw.rectangle((0, ground, width, height), fill="#cfd8c4")
    for _ in range(rng.randint(4, 8)):
        tx = rng.randint(0, width)
        draw.rectangle((tx - 5, ground - 40, tx + 5, ground + 10), fill="#6b4f2a")
        draw.ellipse((tx - 34, ground - 100, tx + 34, ground - 30), fill="#4f8a4b")
    # People
    for _ in range(rng.randint(5, 9)):
        px = rng.randint(40, width - 40)
        py = rng.randint(ground + 20, height - 30)
        body = rng.choice([dark, accent, "#3b3b58", "#b5523b"])
        draw.ellipse((px - 11, py - 62, px + 11, py - 40), fill="#f1c9a5")
        draw.rounded_rectangle((px - 16, py - 38, px + 16, py + 8), radius=8, fill=body)
        draw.rectangle((px - 12, py + 8, px - 3, py + 30), fill="#2d2d2d")
        draw.rectangle((px + 3, py + 8, px + 12, py + 30), fill="#2d2d2d")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
