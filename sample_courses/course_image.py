"""A simple course image per programme, as PNG, written with zlib and struct only
(no imaging library is a dependency of this package).

The picture: the programme's background colour, a band in its accent colour at
the bottom, and a small network of accent-coloured dots whose places follow from
the course number, so every programme looks different and the same outline
always gives the same bytes. The colours travel inside the file (a PNG text
chunk), so the image can be read back into an outline (build.export_outline).
"""
import hashlib
import re
import struct
import zlib

WIDTH, HEIGHT = 756, 450          # twice Open edX's course card (378 x 225)
FILE_NAME = "course_image.png"    # static/course_image.png -> the asset "course_image.png"
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
TEXT_KEY = b"leergang-colours"


def _rgb(colour):
    return bytes(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _dots(number):
    """Places and radii of the dots, from the course number (stable across Pythons)."""
    digest = hashlib.sha256(number.encode("utf-8")).digest()
    dots = []
    for i in range(7):
        x = 60 + digest[3 * i] * (WIDTH - 120) // 255
        y = 50 + digest[3 * i + 1] * (HEIGHT - 190) // 255
        dots.append((x, y, 14 + digest[3 * i + 2] % 22))
    return dots


def course_image_png(number, background, accent):
    """The PNG bytes of one programme's course image."""
    back, front = _rgb(background), _rgb(accent)
    band_top = HEIGHT - 90
    dots = _dots(number)
    rows = []
    for y in range(HEIGHT):
        if y >= band_top:
            rows.append(b"\x00" + front * WIDTH)
            continue
        row = bytearray(back * WIDTH)
        for cx, cy, r in dots:
            dy = y - cy
            if abs(dy) <= r:
                half = int((r * r - dy * dy) ** 0.5)
                left, right = max(cx - half, 0), min(cx + half, WIDTH - 1)
                row[3 * left:3 * (right + 1)] = front * (right - left + 1)
        rows.append(b"\x00" + bytes(row))
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB
    text = TEXT_KEY + b"\x00" + f"background={background.lower()} accent={accent.lower()}".encode("ascii")
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"tEXt", text)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


def read_png(data):
    """(width, height, {text key: value}) of a PNG; raises ValueError if it is not one."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    position, texts, size = 8, {}, None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        crc = struct.unpack(">I", data[position + 8 + length:position + 12 + length])[0]
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise ValueError(f"damaged PNG chunk {kind!r}")
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"tEXt":
            key, _, value = body.partition(b"\x00")
            texts[key.decode("latin-1")] = value.decode("latin-1")
        position += 12 + length
    if size is None:
        raise ValueError("PNG without a header")
    return size[0], size[1], texts


def colours_of(data):
    """The (background, accent) colours a course image was made with."""
    _, _, texts = read_png(data)
    values = dict(part.split("=", 1) for part in texts[TEXT_KEY.decode()].split())
    return values["background"], values["accent"]
