"""Colour arithmetic for checking the marks' colours: contrast as WCAG 2 defines it, colour vision
deficiencies simulated as Machado, Oliveira and Fernandes (2009) model them, and the CIEDE2000
colour difference (Sharma, Wu and Dalal 2005). Plain Python; colours are "#RRGGBB" strings or
sRGB triples in 0..1."""

from __future__ import annotations

import math

RGB = tuple[float, float, float]

# Machado, Oliveira and Fernandes (2009), severity 1.0; they apply to linear RGB.
DEFICIENCIES: dict[str, tuple[RGB, RGB, RGB]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def srgb(colour: str) -> RGB:
    """'#RRGGBB' as sRGB in 0..1."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"{colour!r} is not a #RRGGBB colour")
    return tuple(int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def hex_colour(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


def to_linear(rgb: RGB) -> RGB:
    linear = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return tuple(linear)  # type: ignore[return-value]


def from_linear(rgb: RGB) -> RGB:
    clipped = (min(1.0, max(0.0, c)) for c in rgb)
    encoded = (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in clipped)
    return tuple(encoded)  # type: ignore[return-value]


def luminance(colour: str | RGB) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = to_linear(srgb(colour) if isinstance(colour, str) else colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str | RGB, other: str | RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def simulate(colour: str | RGB, deficiency: str) -> RGB:
    """How ``colour`` looks with ``deficiency`` (a key of ``DEFICIENCIES``), as sRGB."""
    linear = to_linear(srgb(colour) if isinstance(colour, str) else colour)
    matrix = DEFICIENCIES[deficiency]
    seen = tuple(sum(m * c for m, c in zip(row, linear)) for row in matrix)
    return from_linear(seen)  # type: ignore[arg-type]


_D65 = (0.95047, 1.0, 1.08883)


def lab(colour: str | RGB) -> RGB:
    """CIELAB (D65) of an sRGB colour."""
    r, g, b = to_linear(srgb(colour) if isinstance(colour, str) else colour)
    xyz = (
        0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
        0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
        0.0193339 * r + 0.1191920 * g + 0.9503041 * b,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / white) for v, white in zip(xyz, _D65))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e_2000(lab1: RGB, lab2: RGB) -> float:
    """CIEDE2000 colour difference of two CIELAB colours (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0

    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))

    l_mean = (l1 + l2) / 2
    cp_mean = (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    rotation = -2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7)) * math.sin(
        math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))
    )
    return math.sqrt(
        (dl / s_l) ** 2 + (dc / s_c) ** 2 + (dH / s_h) ** 2 + rotation * (dc / s_c) * (dH / s_h)
    )


def difference(one: str | RGB, other: str | RGB, deficiency: str | None = None) -> float:
    """ΔE2000 between two sRGB colours, as seen with ``deficiency`` (None: normal vision)."""
    if deficiency:
        one, other = simulate(one, deficiency), simulate(other, deficiency)
    return delta_e_2000(lab(one), lab(other))
