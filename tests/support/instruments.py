"""Small instruments for tests, so expectations can be worked out by hand."""
from leergang_xblocks.trust_scan.instrument import parse_instrument

TWO_DIMENSIONS = """\
key: test_scan
title: {nl: "Testscan", en: "Test scan"}
scale:
  points: 5
  labels: ["1", "2", "3", "4", "5"]
  dont_know: {nl: "Weet niet", en: "Don't know"}
dimensions:
  - key: ruimte
    name: {nl: "Ruimte", en: "Room"}
    bands:
      - {min: 1, max: 2.99, text: {nl: "Weinig ruimte", en: "Little room"}}
      - {min: 3, max: 5, text: {nl: "Veel ruimte", en: "Much room"}}
  - key: fouten
    name: {nl: "Fouten", en: "Mistakes"}
items:
  - {key: r1, dimension: ruimte, text: "R1"}
  - {key: r2, dimension: ruimte, text: "R2", reverse: true}
  - {key: r3, dimension: ruimte, text: "R3"}
  - {key: r4, dimension: ruimte, text: "R4"}
  - {key: f1, dimension: fouten, text: "F1"}
  - {key: f2, dimension: fouten, text: "F2", reverse: true}
"""


def two_dimensions():
    return parse_instrument(TWO_DIMENSIONS)
