"""The references Chorus's impact statistics are checked against
(tests/impact_reference.rs), computed by independent implementations on
published data:

- tests/fixtures/impact/nile.csv: annual flow of the Nile at Aswan,
  1871-1970 (Cobb 1978; public domain, as shipped by statsmodels), with the
  break of 1899 (the first Aswan dam). Interrupted time series: statsmodels
  OLS of flow on [1, t, after, (t - t0) after], HAC covariance (Bartlett,
  maxlags 4, small-sample correction), Student t intervals - the same
  conventions as Chorus (src/impact/its.rs). Also with a comparison series
  (the flow lagged by one year, a stand-in with the same shape) as a
  controlled ITS on the difference.
- tests/fixtures/impact/mpdta.csv: county teen employment 2003-2007 and the
  year each county's minimum wage rose (Callaway and Sant'Anna 2021; as
  shipped by the csdid package, MIT). Staggered DiD: csdid's ATTgt without
  covariates, est_method "dr", base period "varying", not-yet-treated and
  never-treated comparisons, analytic standard errors (bstrap=False) for
  ATT(g,t), the simple aggregation and the event study; and its bootstrap
  (999 draws) for the intervals' Monte Carlo comparison.

Run: python tests/reference/impact.py > tests/fixtures/impact/reference.json
with statsmodels 0.14.6 and csdid 0.4.3 (tests/reference/impact-requirements.txt).
"""
import contextlib
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels
import csdid
from csdid.att_gt import ATTgt

warnings.simplefilter("ignore")
HERE = Path(__file__).resolve().parent.parent / "fixtures" / "impact"


def its(y, t0, lag):
    n = len(y)
    t = np.arange(n, dtype=float)
    after = (t >= t0).astype(float)
    X = np.column_stack([np.ones(n), t, after, (t - t0) * after])
    r = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lag, "use_correction": True}, use_t=True)
    ci = r.conf_int(alpha=0.05)
    return {
        "t0": int(t0),
        "lag": lag,
        "params": r.params.tolist(),
        "bse": r.bse.tolist(),
        "ci_low": ci[:, 0].tolist(),
        "ci_high": ci[:, 1].tolist(),
        "cov": r.cov_params().tolist(),
    }


def nile():
    d = pd.read_csv(HERE / "nile.csv")
    y = d["volume"].to_numpy(dtype=float)
    t0 = int(np.flatnonzero(d["year"].to_numpy() == 1899)[0])
    out = {"series": y.tolist(), "its": its(y, t0, 4)}
    # Controlled: the series minus its own one-year lag (first year dropped).
    treated, comparison = y[1:], y[:-1]
    out["controlled"] = {"treated": treated.tolist(), "comparison": comparison.tolist(),
                         "its": its(treated - comparison, t0 - 1, 4)}
    return out


def did(control):
    d = pd.read_csv(HERE / "mpdta.csv")
    att = ATTgt(yname="lemp", tname="year", idname="countyreal", gname="first.treat",
                data=d, control_group=control).fit(est_method="dr", base_period="varying", bstrap=False)
    res = att.results
    cells = [{"group": int(g), "period": int(t), "att": float(a), "se": float(se)}
             for g, t, a, se in zip(res["group"], res["year"], res["att"], res["se"])]
    simple = att.aggte(typec="simple", bstrap=False)
    simple_r = simple.atte if hasattr(simple, "atte") else att.atte
    dyn = att.aggte(typec="dynamic", bstrap=False)
    dyn_r = dyn.atte if hasattr(dyn, "atte") else att.atte
    return {"cells": cells,
            "simple": {"att": f(simple_r["overall_att"]), "se": f(simple_r["overall_se"])},
            "dynamic": {"att": f(dyn_r["overall_att"]), "se": f(dyn_r["overall_se"]),
                        "by_e": [{"e": int(e), "att": float(a), "se": float(se)}
                                 for e, a, se in zip(dyn_r["egt"], dyn_r["att_egt"], np.ravel(dyn_r["se_egt"]))]}}


def did_boot():
    d = pd.read_csv(HERE / "mpdta.csv")
    np.random.seed(20211)
    att = ATTgt(yname="lemp", tname="year", idname="countyreal", gname="first.treat",
                data=d, control_group="notyettreated", biters=999).fit(est_method="dr", base_period="varying", bstrap=True)
    simple = att.aggte(typec="simple", bstrap=True, biters=999)
    simple_r = simple.atte if hasattr(simple, "atte") else att.atte
    return {"simple_se": float(np.ravel(simple_r["overall_se"])[0]), "draws": 999}


def f(x):
    return float(np.ravel(x)[0])


with contextlib.redirect_stdout(sys.stderr):  # csdid prints its summaries
    result = {
    "made_by": {"statsmodels": statsmodels.__version__, "csdid": getattr(csdid, "__version__", "0.4.3"),
                "python": sys.version.split()[0]},
    "nile": nile(),
    "mpdta": {"notyettreated": did("notyettreated"), "nevertreated": did("nevertreated"), "bootstrap": did_boot()},
    }
print(json.dumps(result, indent=1))
