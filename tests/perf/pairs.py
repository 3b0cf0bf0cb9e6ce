"""Measuring A beside its baseline B on a shared, noisy machine: interleaved
pairs (A B, then B A, ...), so a slow spell hits both sides alike, and a
ratio of medians, so one slow run doesn't move the figure."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
MIN_PAIRS = 7


def interleaved(measure_a: Callable[[], T], measure_b: Callable[[], T], pairs: int,
                warm_up: bool = True) -> tuple[list[T], list[T]]:
    """`pairs` results of each, alternating which goes first; one unrecorded
    run of each first (page cache, .pyc files)."""
    if pairs < MIN_PAIRS:
        raise ValueError(f"at least {MIN_PAIRS} pairs, not {pairs}")
    if warm_up:
        measure_a(), measure_b()
    a_runs: list[T] = []
    b_runs: list[T] = []
    for index in range(pairs):
        if index % 2:
            b_runs.append(measure_b())
            a_runs.append(measure_a())
        else:
            a_runs.append(measure_a())
            b_runs.append(measure_b())
    return a_runs, b_runs


@dataclass(frozen=True)
class Figure:
    """One figure: the median of A beside the median of its baseline B."""

    name: str
    value: float
    baseline: float
    unit: str
    bound: float | None  # None: for information
    baseline_name: str
    pairs: int

    @classmethod
    def of(cls, name: str, a_runs: list[float], b_runs: list[float], unit: str, bound: float | None,
           baseline_name: str) -> Figure:
        return cls(name, statistics.median(a_runs), statistics.median(b_runs), unit, bound,
                   baseline_name, min(len(a_runs), len(b_runs)))

    @property
    def ratio(self) -> float:
        return self.value / self.baseline

    @property
    def failed(self) -> bool:
        return self.bound is not None and self.ratio > self.bound

    def line(self) -> str:
        return (f"{self.name}: {self.value:.1f} {self.unit} vs {self.baseline_name} "
                f"{self.baseline:.1f} {self.unit} (medians of {self.pairs} pairs): "
                f"ratio {self.ratio:.2f} ({'no bound' if self.bound is None else f'bound {self.bound}'})"
                f"{'  FAIL' if self.failed else ''}")
