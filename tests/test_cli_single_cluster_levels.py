"""The command line's warnings of a cluster-robust fit's rare levels and of levels whose rows
all lie in one cluster pointed to the model-based standard errors with the Python option,
cov_type='nonrobust': they now say --cov nonrobust."""

from refdata import REF_DIR

from mnlogit.__main__ import main


def test_the_comparison_is_said_with_the_command_s_option(capsys):
    data = str(REF_DIR / "single_cluster_levels.csv")
    args = ["fit", data, "y ~ x1 + x2", "--weights", "w", "--cov", "cluster", "--groups", "cl"]
    assert main(args) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    compared = [line for line in said if "compare the model-based ones" in line]
    assert len(compared) == 2  # the rare level, and the levels in a single cluster
    for line in compared:
        assert "(compare the model-based ones, --cov nonrobust)" in line
        assert "cov_type" not in line
