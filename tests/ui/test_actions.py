"""Issue 13, step 3: the statuses and the actions are each listed once (onestop.dossiers.statuses,
onestop.dossiers.actions); the dossier window, the return desk, the command line, the printed
forms and the translations all read them. These tests fail when one of them drifts."""
from __future__ import annotations

import pytest

from onestop.cli import DOSSIER_ACTIONS, PRINT_FORMS, build_parser
from onestop.dossiers.actions import ACTIONS, COMMANDS
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import EVENT_LABELS, TransitionRequest, allowed_actions, apply
from onestop.dossiers.statuses import STATUS_LABELS, Status
from onestop.people.accounts import Actor
from tests.conftest import MONDAY_0915

STATUSES = {s.value for s in Status}


def test_every_status_has_its_label_and_every_action_moves_between_statuses():
    assert STATUS_LABELS == {s.value: s.label for s in Status} and all(s.label for s in Status)
    assert Status("awaiting_supplement") is Status.AWAITING_SUPPLEMENT and Status.RECEIVED == "received"
    for name, action in ACTIONS.items():
        assert set(action.sources) <= STATUSES, name
        assert action.target is None or action.target in STATUSES, name
        assert action.form is None or action.form in PRINT_FORMS, name
        assert len(action.mnemonic) == 1 and action.mnemonic.isalpha() and action.mnemonic.isupper(), name
        assert set(action.rule_sets) <= {"2018", "2025"} and action.rule_sets, name
    reached = {a.target for a in ACTIONS.values() if a.target} | {"received"}
    assert reached == STATUSES  # no state that nothing leads to


@pytest.mark.parametrize("rule_set", ["2018", "2025"])
def test_the_alt_keys_of_one_rule_set_are_unique(rule_set):
    """One exception, by design: «Xin lỗi, gia hạn» (before the appointment's day) and «Xin lỗi, hẹn
    lại» (once it has passed) are never offered together, and share X."""
    keys = [a.mnemonic for name, a in ACTIONS.items() if rule_set in a.rule_sets and name != "extend"]
    assert len(keys) == len(set(keys))


def test_the_command_line_knows_every_action_by_its_registry_name():
    assert DOSSIER_ACTIONS == tuple(a.command for a in ACTIONS.values())
    parser = build_parser()
    for command, name in COMMANDS.items():
        args = parser.parse_args(["dossier", "000.00.12.H26-261123-0001", command])
        assert args.action == name
    assert parser.parse_args(["dossier", "X", "apologize"]).action == "apologise"  # kept since the first release
    assert parser.parse_args(["dossier", "X", "request_supplement"]).action == "request_supplement"


def test_the_translations_list_every_status_and_action():
    from onestop.ui.labels import ACTION_LABELS, LABELS

    assert set(STATUS_LABELS.values()) <= set(LABELS)
    assert set(EVENT_LABELS.values()) == set(ACTION_LABELS)


# The window offers, for a dossier in each state, the registry's actions with the registry's keys.
PATHS = {
    "received": [],
    "in_progress": ["transfer"],
    "awaiting_supplement": ["request_supplement"],
    "awaiting_payment": ["await_payment"],
    "result_ready": ["finish"],
}


@pytest.mark.parametrize("status", list(PATHS))
def test_the_dossier_window_offers_the_registry_actions_with_their_keys(qtbot, site_db, status):
    from onestop.ui.dossier_window import DossierWindow

    db, site = site_db
    officer = Actor.named("Lê Thu Hà")
    code = save_intake(db, site, IntakeRequest("1.004884", "Phạm Thu Hà", "001190012345"), actor=officer,
                       now=MONDAY_0915).code
    for name in PATHS[status]:
        extra = {"request_supplement": {"missing": ("Tờ khai",)}, "transfer": {"to": "Phòng Tư pháp"}}.get(name, {})
        apply(db, site, code, TransitionRequest(name, **extra), actor=officer, now=MONDAY_0915)
    window = DossierWindow(db, site, lambda: MONDAY_0915, lambda: officer, code)
    qtbot.addWidget(window)
    offered = [n for n in allowed_actions(status, "2025") if n not in ("apologise", "extend")]
    assert [n for n in window.action_buttons if n not in ("apologise", "extend")] == offered
    for name, button in window.action_buttons.items():
        assert f"&{ACTIONS[name].mnemonic}".lower() in button.text().lower(), (name, button.text())
    if status == "result_ready":  # the return desk: Enter goes to the registry's «Trả kết quả»
        desk = DossierWindow(db, site, lambda: MONDAY_0915, lambda: officer, code, focus_action="return")
        qtbot.addWidget(desk)
        desk.show()
        assert desk.focus_action == "return" and "return" in desk.action_buttons
        assert ACTIONS["return"].label in desk.action_buttons["return"].text().replace("&", "")
