"""Site files: the demo site and validation that names the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from callwire_sim.site import SiteError, demo_site, load_site, parse_site


def test_demo_site_has_the_reference_extensions() -> None:
    site = demo_site()
    exts = {s.extension for s in site.stations}
    assert {str(n) for n in range(101, 111)} | {"60123", "61450", "61451", "66711", "66820", "66910"} <= exts
    assert {"41101", "41103", "41110"} <= exts
    assert len(site.phantom_pool) == 10
    assert next(s for s in site.stations if s.extension == "101").name == "Peter"
    pin = next(s for s in site.stations if s.extension == "66711")
    assert pin.auto_answer is not None
    assert pin.auto_answer.hangup_user_data == "ok"
    split = next(s for s in site.splits if s.extension == "201")
    assert ("12345", "67890") in {(a.agent_id, a.password) for a in split.agents}
    assert {t.number: t.members for t in site.trunk_groups}["410"] == 92
    assert site.call_classifier_ports == 444
    assert site.switch_name == "CM"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[switch]\nnode_id = 99999\n", "site.switch.node_id"),
        ('[[stations]]\nextension = "10a"\n', "site.stations[0].extension"),
        ('[[stations]]\nextension = "101"\ncolour = "red"\n', "site.stations[0].colour"),
        ('[[stations]]\nextension = "101"\ntype = "fax"\n', "site.stations[0].type"),
        ('[[vdns]]\nextension = "2001"\nsplit = "201"\n', "site.vdns.split"),
        ('[[trunk_groups]]\nnumber = "410"\nmembers = true\n', "site.trunk_groups[0].members"),
        ('[trunks]\noutbound_group = "9"\n', "site.trunks.outbound_group"),
        ('[[stations]]\nextension = "101"\n[[splits]]\nextension = "101"\n', "site.splits"),
        ("bogus = 1\n", "site.bogus"),
    ],
)
def test_validation_names_the_bad_key(text: str, key: str) -> None:
    import tomllib

    with pytest.raises(SiteError) as info:
        parse_site(tomllib.loads(text))
    assert str(info.value).startswith(key)


def test_load_site_from_file(tmp_path: Path) -> None:
    path = tmp_path / "mini.toml"
    path.write_text(
        '[switch]\nname = "CM2"\n[[stations]]\nextension = "200"\nname = "X"\n[phantom]\npool = ["300-301"]\n'
    )
    site = load_site(path)
    assert site.switch_name == "CM2"
    assert [s.extension for s in site.stations] == ["200", "300", "301"]
    path.write_text("not toml [")
    with pytest.raises(SiteError):
        load_site(path)
