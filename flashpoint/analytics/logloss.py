"""The pooled forecaster's loss (:class:`.forecaster.ClimatologyLogit`): a penalised mean log loss and its gradient.

Written for speed on a fit's millions of rows without changing a bit of what the formula gives (the
forecaster's coefficients on a store must be those of every earlier fit; tests in
``tests/analytics/test_forecaster_fit.py`` compare it with the formula): operations on single elements
run by blocks of rows (each block in the cache) into arrays kept between calls; the means and the
products of the whole design stay whole.
"""
from __future__ import annotations

import numpy as np

LOSS_ROWS = 1 << 14       # rows of the loss's row by row operations done at a time


class PenalisedLogLoss:
    """The penalised mean log loss of :meth:`.forecaster.ClimatologyLogit._solve` and its gradient at ``w``.

    The same operations on the same values, in the same order, as ``p = 1 / (1 + exp(-(off + w0 + Z w)))``,
    ``q = clip(p, 1e-12, 1 - 1e-12)``, ``-mean(y log q + (1 - y) log(1 - q)) + strength |d|^2`` and
    ``[mean(p - y), Z'(p - y) / n] + 2 strength d``, with fewer temporary arrays: with outcomes of 0
    and 1 only, ``y log q + (1 - y) log(1 - q)`` is ``log q`` or ``log(1 - q)`` exactly (the other
    term is a zero, and adding -0.0 changes no value), so one logarithm per row is taken."""

    def __init__(self, Z: np.ndarray, off: np.ndarray, y: np.ndarray, *, prior: np.ndarray, strength: float,
                 pull: np.ndarray) -> None:
        self.Z, self.off, self.y, self.prior, self.strength, self.pull = Z, off, y, prior, strength, pull
        self.zeros = (y == 0) if bool(np.all((y == 0) | (y == 1))) else None
        self.p, self.terms = np.empty(len(y)), np.empty(len(y))    # the residuals and the log terms

    def __call__(self, w: np.ndarray) -> tuple[float, np.ndarray]:
        y = self.y
        # one product of the whole design, never by blocks of rows: BLAS shares it among its threads and
        # a row's last bit can depend on where the share ends (the ICEWS fit of 2014-12-24 changed)
        zw = self.Z @ w[1:]
        for a in range(0, len(y), LOSS_ROWS):
            self._rows(w, zw, slice(a, a + LOSS_ROWS))
        d = (w - self.prior) * self.pull
        value = -np.mean(self.terms) + self.strength * float(d @ d)
        grad = np.r_[np.mean(self.p), self.Z.T @ self.p / len(y)] + 2 * self.strength * d
        return value, grad

    def _rows(self, w: np.ndarray, zw: np.ndarray, rows: slice) -> None:
        """The residuals ``p - y`` and the log terms of ``rows`` (``zw``: the design times the inputs'
        coefficients), into :attr:`p` and :attr:`terms`: operations on single elements only."""
        p, q, y = self.p[rows], self.terms[rows], self.y[rows]
        np.add(self.off[rows], w[0], out=p)
        p += zw[rows]
        np.negative(p, out=p)
        np.exp(p, out=p)
        p += 1.0
        np.divide(1.0, p, out=p)
        np.clip(p, 1e-12, 1 - 1e-12, out=q)
        if self.zeros is not None:
            np.subtract(1, q, out=q, where=self.zeros[rows])
            np.log(q, out=q)
        else:
            q[:] = y * np.log(q) + (1 - y) * np.log(1 - q)
        p -= y
