"""Tables of a fit: text (tabulate), HTML, LaTeX, Markdown and CSV, all from ``to_frame()``."""

from __future__ import annotations

from tabulate import tabulate

__all__ = ["Summary", "frame_to_latex"]


class Summary:
    """Renderings of a fitted model's coefficient table."""

    def __init__(self, res, *, odds_ratios: bool = False, alpha: float = 0.05) -> None:
        self._res = res
        self._odds_ratios = odds_ratios
        self._alpha = alpha

    def as_text(self) -> str:
        res = self._res
        head = [
            ("Outcome", f"{res.model_data.outcome_name} (levels: {', '.join(map(str, res.outcomes))})"),
            ("Reference", str(res.ref)),
            ("Log-likelihood", f"{res.llf:.4f}"),
            ("Converged", f"{res.converged} ({res.n_iter} iterations)"),
        ]
        blocks = [tabulate(head, tablefmt="plain")]
        frame = res.to_frame(self._alpha)
        for eq in res.equations:
            part = frame.loc[eq][["estimate", "std_error", "z", "pvalue", "lower", "upper"]]
            blocks.append(f"{eq} vs {res.ref}\n" + tabulate(part, headers="keys", floatfmt=".4f"))
        return "\n\n".join(blocks)

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        return "<pre>" + self.as_text() + "</pre>"


def frame_to_latex(res) -> str:
    return res.to_frame().to_latex()
