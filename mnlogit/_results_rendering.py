"""Predictions, the tidy table and its renderings for MNLogitResults."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._array_booleans import boolean_columns, refuse_booleans_for_numbers
from ._checks import check_option, statistic_name
from ._dtypes import (
    beyond_double_error,
    plain_labels,
    refuse_dates,
    refuse_non_numeric,
    refuse_sparse_matrix,
    refuse_text,
    structured_frame,
    unmasked,
)
from ._linalg import flat
from ._misplaced_newdata import PREDICT_KINDS, refuse_kind_as_newdata
from ._new_levels import predicted_classes, valueless_as_nan
from ._other_options import answering_other_options
from ._penalised_notes import penalised_wald_note
from ._scores import linear_predictors, new_row_probabilities
from ._separation_advice import prediction_advice
from ._tables import arrow_column, arrow_table, from_arrow
from ._test_result import not_final
from ._unpredictable import rows_named, warn_unpredictable
from ._unsupported import explain
from ._wald import untestable
from .exceptions import (
    ColumnNotFoundError,
    DataError,
    InputTypeError,
    MNLogitWarning,
    OptionError,
    SeparationWarning,
    called_by_user,
    warn,
)
from .margins.effects import diverging_columns, few_clusters, inference_note, reading_diverging
from .report._files import write_table
from .report._format import count, stat
from .report._summary_method import SummaryMethod
from .report.summary import Summary, frame_to_latex, penalised_estimates_note, tidy_csv

if TYPE_CHECKING:  # for annotations only (matplotlib is an optional dependency)
    pass

from ._results_estimates import EstimatesMixin
from ._subpop_levels import new_design

__all__ = ["RenderingMixin"]


class RenderingMixin(EstimatesMixin):
    """Predictions, the tidy table and the summary and exports built on it."""

    # --- prediction -------------------------------------------------------------------------
    def _design(self, newdata: Any) -> tuple[np.ndarray, pd.Index]:
        """The design of ``newdata`` (the fitted rows by default); a row with a missing or
        infinite value is all NaN, so that everything predicted for it is NaN (an infinite
        predictor has no probability the fit supports; the fit itself refuses one), with a
        warning naming the rows. A table that exports Arrow data (a pyarrow Table) is read as
        the DataFrame of its columns."""
        # a formula's new data are a table: a 1-D array is refused by its own type's name
        column = None if self._data.spec is not None else arrow_column(newdata, "newdata")
        if column is not None:  # a 1-D Arrow array: its values, as a 1-D numpy array
            newdata = column.to_numpy()
        elif arrow_table(type(newdata)):
            newdata = from_arrow(newdata, "newdata")
        X, index = self._new_design(newdata)
        if newdata is None:  # the fitted design: finite, checked when it was built
            return X, index
        bad = ~np.isfinite(X).all(axis=1)
        if bad.any():
            warn_unpredictable(newdata, X, bad, index, self._data.spec, self._data.column_names)
            X = X.copy()
            X[bad] = np.nan
        return X, index

    def _new_design(self, newdata: Any) -> tuple[np.ndarray, pd.Index]:
        if newdata is None:
            # a copy: the tables made with it are the caller's, and renaming their index
            # (p.index.name = "id") would otherwise rename the fit's rows for every later answer
            X, index = self._data.X, self._data.row_index  # X first: a dask fit refuses it
            return X, index.copy() if index is not None else pd.RangeIndex(len(self._data.y))
        if self._data.spec is not None:
            return new_design(self._data, newdata)  # a level outside a subpopulation named
        newdata = unmasked(newdata)
        refuse_sparse_matrix(newdata, "newdata")
        fields = structured_frame(newdata, "newdata")
        if fields is not None:  # a structured or record array: its fields, by name
            newdata = fields
        if isinstance(newdata, pd.DataFrame):
            newdata = self._columns_by_name(newdata)
        try:
            values = newdata if isinstance(newdata, pd.DataFrame) else np.asarray(newdata)
            refuse_dates(values, "newdata")  # numpy reads them as counts since 1970
            if not isinstance(values, pd.DataFrame):  # as in fitting: text is not a number
                refuse_text(values, "newdata", self._design_columns())
            kind = (values.to_numpy() if isinstance(values, pd.DataFrame) else values).dtype.kind
        except (TypeError, ValueError) as exc:  # ragged lists: refused below
            if isinstance(exc, InputTypeError):
                raise
            kind = ""
        if kind == "c":  # numpy would drop the imaginary parts; the fit refuses them too
            raise InputTypeError(
                "newdata: complex numbers; the design must be real, as in fitting: pass "
                "newdata.real if the imaginary parts are zero"
            )
        if isinstance(newdata, pd.DataFrame):  # as in fitting: text is not read as numbers
            newdata = valueless_as_nan(newdata)
            refuse_non_numeric(newdata, "newdata")
        try:
            X = (
                newdata.to_numpy(np.float64)
                if isinstance(newdata, pd.DataFrame)
                else np.asarray(newdata, dtype=np.float64)
            )
        except OverflowError:  # Python ints past float64's range (10**400)
            raise beyond_double_error(np.asarray(newdata, dtype=object), "newdata") from None
        except (TypeError, ValueError):
            # a dict of columns is not read as one, as a formula model's new data are not
            raise InputTypeError(
                f"newdata: expected numbers {self._design_columns()}; got {type(newdata).__name__}"
                + (
                    " (make it a DataFrame, pd.DataFrame(newdata), whose columns are matched "
                    "by name)"
                    if isinstance(newdata, Mapping)
                    else " with values that are not numbers"
                )
            ) from None
        if X.ndim != 2 or X.shape[1] != self._data.p:
            at = self._data.intercept
            ones = (
                f" (column {at} is the intercept's column of ones, "
                f"{self._data.column_names[at]!r}: insert it, np.insert(X, {at}, 1.0, axis=1))"
                if at is not None and X.ndim == 2 and X.shape[1] == self._data.p - 1
                else _one_dimensional(X, self._data.p, isinstance(newdata, pd.Series))
            )
            raise DataError(f"newdata: expected {self._data.p} columns; got shape {X.shape}{ones}")
        refuse_booleans_for_numbers(boolean_columns(newdata), self._data.X, self._data.column_names)
        # row labels of pyarrow views as plain text, which pandas can show
        index = (
            plain_labels(newdata.index)
            if isinstance(newdata, pd.DataFrame)
            else pd.RangeIndex(len(X))
        )
        return X, index

    def _design_columns(self) -> str:
        """Where an array model's new numbers go, for its refusals of new data."""
        return f"for the {self._data.p} design columns ({', '.join(self._data.column_names)})"

    def _columns_by_name(self, newdata: pd.DataFrame) -> pd.DataFrame:
        """An array model's new data as a DataFrame: its columns picked by the fitted names
        (in any order, others ignored); by position only when the model was fitted on an
        array, whose columns have no names (x0, x1, ...). Before, a DataFrame with its
        columns in another order, or renamed, was read by position, silently."""
        # by their NFC forms, as the fit told names apart: 'été' typed in another Unicode
        # form was refused as missing, the refusal showing it among the columns
        fitted = tuple(unicodedata.normalize("NFC", c) for c in self._data.column_names)
        given = [unicodedata.normalize("NFC", str(c)) for c in newdata.columns]
        if given == list(fitted):
            return newdata
        by_position = fitted == tuple(f"x{j}" for j in range(len(fitted)))
        twice = sorted({c for c in given if c in fitted and given.count(c) > 1})
        if twice and not by_position:  # which of them holds the fitted column?
            raise DataError(
                f"newdata: column name(s) {', '.join(map(repr, twice))} occur more than once; "
                "rename the duplicates"
            )
        if set(fitted) <= set(given):
            at = {name: j for j, name in enumerate(given) if name in fitted}
            return newdata.iloc[:, [at[name] for name in fitted]]
        if by_position:
            if all(isinstance(c, str) for c in newdata.columns):
                # names the fit cannot check (as scikit-learn warns): columns in another
                # order than the fitted array's were read as the others, silently
                warn(
                    "newdata: the model was fitted on an array, whose columns have no names "
                    f"({', '.join(fitted)}), so the DataFrame's columns "
                    f"{', '.join(map(repr, given))} are read by position, as those; pass "
                    "newdata.to_numpy() to say so, or fit on a DataFrame to have its columns "
                    "matched by name",
                    MNLogitWarning,
                )
            return newdata
        missing = [name for name in fitted if name not in given]
        one = self._data.intercept
        if one is not None and missing == [fitted[one]] and len(set(given)) == len(given):
            # the intercept's column of ones, which the classifier adds itself: its
            # results_.predict(X) was refused for lacking a column X never had
            ones = newdata.assign(**{fitted[one]: 1.0}).set_axis([*given, fitted[one]], axis=1)
            return self._columns_by_name(ones)
        raise ColumnNotFoundError(
            f"newdata: column(s) {', '.join(map(repr, missing))} of the fitted design are not "
            f"among its columns ({', '.join(map(repr, given))}); the model was fitted on "
            f"{', '.join(map(repr, fitted))}, and a DataFrame's columns are matched by name "
            "(pass an array to give them by position)"
        )

    @answering_other_options
    def predict(self, newdata: Any = None, kind: str = "prob") -> pd.DataFrame | pd.Series:
        """Predictions for the fitted rows or for ``newdata`` (encoded with the stored formula).

        Parameters
        ----------
        newdata : DataFrame or array-like, optional
            For a formula model, a DataFrame with the raw columns the formula uses, encoded
            with the stored ModelSpec (same levels and transforms). For a model built from
            arrays, the design (p columns; a DataFrame's by name, the intercept's column of
            ones added when it lacks only that; booleans only for columns fitted on 0s and
            1s). A row with a missing or infinite value, or
            outside a transform's domain, predicts NaN (its class is missing), kept so that
            the predictions align with ``newdata``, and a warning names such rows. Under
            separation, new rows that read a diverging coefficient get a
            ``SeparationWarning``: their probabilities are where the fit stopped. So do the
            fitted rows' log-odds (``kind="link"``) that the separating direction moves: they
            grow without bound, where the rows' probabilities approach limits. A table
            that exports Arrow data (a pyarrow Table) is read as the DataFrame of its
            columns. Default: the rows the model was fitted on (labelled as in the data, or
            as y or X of a model from arrays).
        kind : {"prob", "class", "link"}
            ``"prob"``: probabilities, one column per outcome level; ``"class"``: the most
            probable level; ``"link"``: log-odds against the reference, one column per
            equation.

        Returns
        -------
        DataFrame or Series
            Indexed like ``newdata`` (or the rows used); a Series for ``kind="class"``,
            whose labels have the dtype of the probabilities' columns (``int64``,
            ``float64``, ``bool``, text, dates; ``Int64`` or ``boolean`` when a row has no
            class).

        Raises
        ------
        mnlogit.exceptions.OptionError
            ``kind`` is not one of the three.
        mnlogit.exceptions.MNLogitError
            ``newdata`` cannot be encoded: missing columns, levels not seen in fitting, the
            wrong number of columns.

        Examples
        --------
        >>> import pandas as pd
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.predict(pd.DataFrame({"parking": [0.0, 10.0]})).round(2)
        outcome   bus   car  train  walk
        0        0.17  0.58   0.08  0.17
        1        0.37  0.09   0.30  0.23
        >>> res.predict(kind="class").head(3).tolist()
        ['bus', 'car', 'car']
        """
        refuse_kind_as_newdata(newdata)
        check_option("kind", kind, PREDICT_KINDS)
        X, index = self._design(newdata)
        if newdata is not None:
            self._warn_separated_rows(X, index)
        elif kind == "link":
            # the fitted rows' probabilities approach limits the data fix, their log-odds
            # do not: the last iterate's (9.5 where the limit is +inf) went out silently
            self._warn_separated_rows(X, index, fitted=True)
        if kind == "link":  # past the largest float, inf of the right sign (not NaN)
            return pd.DataFrame(
                linear_predictors(X, self._core.B),
                index=index,
                columns=pd.Index(self.equations, name="outcome"),
            )
        # a finite row whose predictors pass the largest float (x = 1e308) has the exact
        # limit, from the differences of the predictors
        P = new_row_probabilities(X, self._core.B)[:, self._level_to_core]
        probs = pd.DataFrame(P, index=index, columns=pd.Index(self.outcomes, name="outcome"))
        if kind == "prob":
            return probs
        # a row without probabilities has no most probable level (argmax would say the first)
        known = ~np.isnan(P).any(axis=1)
        picks = np.where(known, P.argmax(axis=1), 0)
        return predicted_classes(self.outcomes, picks, known, index, self._data.outcome_name)

    def _warn_separated_rows(self, X: np.ndarray, index: pd.Index, fitted: bool = False) -> None:
        """Warn when new rows read a coefficient that diverges (separation): at the fitted
        rows the fit's probabilities approach limits the data fix, but at a new row they are
        where the fit stopped along one separating direction of a cone, which the data do not
        choose among (R's predict gives them without a word). With ``fitted``, the log-odds
        of the fitted rows (``X`` is the fitted design): the separating direction moves them
        without bound, so where the fit stopped is no value of theirs either."""
        involved = np.flatnonzero(reading_diverging(self, X))  # type: ignore[arg-type]
        if involved.size:
            columns = diverging_columns(self)  # type: ignore[arg-type]
            terms = ", ".join(repr(self._data.column_names[j]) for j in columns)
            rows = f"{rows_named(index, involved)}, which read the diverging coefficients of "
            rows += terms
            said = (
                f"the outcomes are separated, so the log-odds (kind='link') of the fitted {rows}, "
                "are where the fit stopped: the separating direction moves them without bound, "
                "so the data give them no finite value (their probabilities, kind='prob', "
                "approach limits the data fix)"
                if fitted
                else f"newdata: the outcomes are separated, so the predictions of {rows}, are "
                "where the fit stopped, not values the data determine (other separating "
                "directions give others)"
            )
            warn(
                f"{said}; {prediction_advice(self)}",
                SeparationWarning,
            )

    @property
    def _level_to_core(self) -> np.ndarray:
        return self._data.coding.level_to_core

    # --- tidy table and rendering -------------------------------------------------------------
    @answering_other_options
    def to_frame(self, alpha: float = 0.05) -> pd.DataFrame:
        """Tidy long table, one row per (outcome, term): the single source of every rendering.

        Parameters
        ----------
        alpha : float
            Error rate of the intervals, in (0, 0.5].

        Returns
        -------
        DataFrame
            Columns ``estimate``, ``std_error``, ``z``, ``pvalue``, ``lower``, ``upper``,
            ``odds_ratio``, ``or_lower``, ``or_upper`` and ``diverged`` (True where
            separation makes the coefficient diverge: its inference columns are then NaN).
            For a survey design ``z`` holds t statistics (the column keeps its name, so
            that code reading a table reads every fit's alike; :meth:`to_csv`, whose file
            keeps no attrs, heads it ``t``), and the p-values and
            intervals refer them to t with :attr:`df_design` degrees of freedom, as the
            summary's ``t`` and ``P>|t|`` columns say; the table's ``attrs`` say which
            (``"statistic"``: ``"z"`` or ``"t"``, ``"df"``: None or the degrees of
            freedom), so that a table saved apart from its fit keeps it; ``"alpha"`` is the
            error rate of the intervals, ``"covariance"`` the kind of standard errors (as the
            summary's Covariance line; None for a fit without them).
            ``attrs["note"]`` names a Firth fit's estimates, bias-reduced (the summary's
            title says it), and says why whole columns are NaN, when they are: a penalised
            fit has no standard errors, a design without degrees of freedom no p-values;
            that the numbers are not final when the fit stopped before converging; and, for
            a Firth fit of separated data, which coefficients are finite only through the
            penalty (their z, p-values and intervals are Wald's, unreliable there); and,
            for cluster-robust errors of fewer than 50 clusters, that the z statistics,
            p-values and intervals, referred to the normal, over-reject.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> table = res.to_frame()
        >>> table.shape, table.index[0]
        ((6, 10), ('bus', 'Intercept'))
        """
        ci = self.conf_int(alpha)
        orr = self.odds_ratios(alpha)
        statistic = statistic_name(self.df_design)
        table = pd.DataFrame(
            {
                "estimate": flat(self.params.to_numpy()),
                "std_error": flat(self.bse.to_numpy()),
                "z": flat(self.zvalues.to_numpy()),
                "pvalue": flat(self.pvalues.to_numpy()),
                "lower": ci["lower"].to_numpy(),
                "upper": ci["upper"].to_numpy(),
                "odds_ratio": orr["odds_ratio"].to_numpy(),
                "or_lower": orr["lower"].to_numpy(),
                "or_upper": orr["upper"].to_numpy(),
                "diverged": flat(self._diverging),
            },
            index=self._long_index,
        )
        table.attrs["statistic"] = statistic
        table.attrs["df"] = self.df_design
        # the level of lower/upper, which a table saved apart from its summary lost
        table.attrs["alpha"] = float(alpha)
        # what std_error is (model-based, robust, cluster-robust, design-based), which a
        # table kept apart from its summary did not say
        inference = self.solver.inference
        table.attrs["covariance"] = self.covariance.describe(self._data) if inference else None
        # for a table kept apart from its fit and its summary: why whole columns are NaN (a
        # diverging coefficient says so in its own column), and that its numbers are not
        # final when the fit stopped short of its estimates
        why = not_final(self)
        stopped = (
            f"The fit {why[0]}: its coefficients are not the estimates, nor are their standard "
            f"errors, tests and intervals final; {why[1]}."
            if why
            else ""
        )
        # a Firth fit of separated data: its Wald columns of the coefficients finite only
        # through the penalty are unreliable, which the summary says and a saved table did not
        # and its z and intervals over-reject beside few clusters, which the summary says
        penalised = penalised_wald_note(self._results) if inference else ""
        few = few_clusters(self._results) if inference else ""
        parts = (
            penalised_estimates_note(self._results),  # the summary's title says the method
            self._empty_columns_note(),
            self._untestable_note(),
            stopped,
            penalised,
            few,
        )
        note = " ".join(part for part in parts if part)
        if note:
            table.attrs["note"] = note
        if called_by_user():
            explain(self, "to_frame", table)
        return table

    def _untestable_note(self) -> str:
        """Why no coefficient has a z (or t) statistic or p-value (a census, whose standard
        errors are 0), or ""."""
        return untestable(self._results)

    def _empty_columns_note(self) -> str:
        """Why whole columns of :meth:`to_frame` are NaN, or "": a penalised fit has no
        standard errors, a design without degrees of freedom no p-values or intervals."""
        return inference_note(self._results)

    @SummaryMethod
    @answering_other_options
    def summary(self, odds_ratios: bool = False, alpha: float = 0.05) -> Summary:
        """Text, HTML, LaTeX, Markdown and CSV renderings of the fit.

        Parameters
        ----------
        odds_ratios : bool
            Show relative-risk ratios exp(b) (Stata's ``rrr``) instead of coefficients.
        alpha : float
            Error rate of the intervals, in (0, 0.5].

        Returns
        -------
        Summary
            ``str()`` is the text table; ``as_latex()``, ``as_markdown()``, ``as_csv()`` and
            ``_repr_html_()`` (notebooks) render the same content.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print(res.summary().as_text().splitlines()[0])
        Multinomial logit regression
        """
        if _reads_as_alpha(odds_ratios):
            # statsmodels' and R's summaries take the level first; ours takes odds_ratios
            raise OptionError(
                f"odds_ratios: expected True or False; got {float(odds_ratios):g}. For "
                f"intervals at another level write summary(alpha={float(odds_ratios):g})"
            )
        return Summary(self._results, odds_ratios=odds_ratios, alpha=alpha)

    @answering_other_options
    def to_csv(self, path: str | os.PathLike[str] | IO[str], alpha: float = 0.05) -> None:
        """Write :meth:`to_frame` as CSV.

        The column ``z`` is headed ``t`` for a survey fit, whose statistics are t on its
        design degrees of freedom (the frame's ``attrs["statistic"]``, which a file cannot
        keep).
        Labels a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) or read
        as a number or date (``00``, ``1-2``), or pandas as missing (``NA``), and those
        beginning with ``'`` get a leading ``'`` (take one off to read them); numbers as is.

        Parameters
        ----------
        path : str, path-like or text file
            Where to write (a leading ``~`` is the home folder; a name ending .gz, .bz2,
            .xz or .zip is written compressed, as pandas writes it; one ending .tsv or .tab,
            before any of those, with tabs, as R's ``read.delim`` and readr's ``read_tsv``
            read it; a name of another format, such as .xlsx or .tex, is refused).
        alpha : float
            Error rate of the intervals, in (0, 0.5].

        Examples
        --------
        >>> import io
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> out = io.StringIO()
        >>> res.to_csv(out)
        >>> out.getvalue().splitlines()[0]
        'outcome,term,estimate,std_error,z,pvalue,lower,upper,odds_ratio,or_lower,or_upper,diverged'
        """
        frame = self.to_frame(alpha)
        if called_by_user():  # the file keeps neither the table's note nor a warning
            explain(self, "to_csv", frame)
        write_table(path, tidy_csv(frame), "csv")

    @answering_other_options
    def to_latex(
        self,
        path: str | os.PathLike[str] | IO[str] | None = None,
        alpha: float = 0.05,
        odds_ratios: bool = False,
    ) -> str:
        """The coefficient table as a booktabs LaTeX table; written to ``path`` when given.

        Needs ``\\usepackage{booktabs}``; term and outcome names are escaped so it compiles.

        Parameters
        ----------
        path : str, path-like or text file, optional
            Also write the table there (UTF-8; a leading ``~`` is the home folder; a name
            ending .gz, .bz2, .xz or .zip is written compressed; a name of another format,
            such as .csv or .pdf, is refused).
        alpha : float
            Error rate of the intervals, in (0, 0.5].
        odds_ratios : bool
            Show relative-risk ratios, as ``summary(odds_ratios=True)``.

        Returns
        -------
        str
            A ``tabular`` environment, one panel per non-reference outcome.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print(res.to_latex().splitlines()[0])
        \\begin{tabular}{lrrrrrr}
        """
        tex = frame_to_latex(self._results, alpha=alpha, odds_ratios=odds_ratios)
        if path is not None:
            write_table(path, tex, "latex")
        return tex

    def __repr__(self) -> str:
        # a survey fit's is the weighted pseudo-log-likelihood, which its summary and compare
        # leave out: read as llf= it passed for a log-likelihood of the sample
        llf = "pseudo_llf" if self._data.design is not None else "llf"
        return (
            f"<MNLogitResults: {self.formula or self._data.outcome_name}, ref={self.ref!r}, "
            f"K={len(self.outcomes)}, nobs={count(self.nobs)}, {llf}={stat(self.llf)}>"
        )

    def _repr_html_(self) -> str:
        return self.summary()._repr_html_()


def _one_dimensional(X: np.ndarray, p: int, series: bool = False) -> str:
    """What a 1-D newdata of a model from arrays was meant as, said in its refusal: the row
    of a DataFrame taken as df.iloc[i] (a Series), or the one column of a design (of a
    Series, its DataFrame: a Series has no reshape, which the advice named)."""
    if X.ndim != 1:
        return ""
    if len(X) == p:
        return (
            " (for one row: X.reshape(1, -1), or df.iloc[[i]], a DataFrame, where "
            "df.iloc[i] is a Series)"
        )
    if p != 1:
        return ""
    return (
        " (for one column: newdata.to_frame(), the Series as a DataFrame)"
        if series
        else (" (for one column: X.reshape(-1, 1))")
    )


def _reads_as_alpha(value: Any) -> bool:
    """Whether a positional argument meant as an error rate (0.1) took odds_ratios' place."""
    return (
        isinstance(value, (float, np.floating))
        and not isinstance(value, bool)
        and 0 < float(value) < 1
    )
