"""A Firth fit's summary says once what its likelihood-ratio tests compare: the method's note
said it, and the header test's note said it again in other words."""

import mnlogit

SAID = "the restricted model fitted under the full model's penalty"


def test_a_firth_summary_says_what_its_lr_tests_compare_once():
    df = mnlogit.datasets.load("risk")
    res = mnlogit.fit("risk ~ age + income", df, ref="low", method="firth")
    notes = res.summary().notes
    assert sum(SAID in note for note in notes) == 1, notes
    # the test itself keeps its note, for where it is shown alone
    assert SAID in res.lr_test().note
    assert "LR chi2" not in " ".join(notes)
