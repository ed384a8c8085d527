"""Map a parsed Markdown document onto the content model, line by line.

General rules, not rules fitted to particular files: severity levels come from
tables or "P1 - Critical" headings and labels; contacts from tables and
"**Role**: details" bullets; phases from headings with a time window; roles
from sections with Responsibilities; escalation from "Level N" sections and
"Escalate to X when" lists; playbooks from sections that have Symptoms, or
from shell blocks with numbered comment steps; message templates from fenced
text with [placeholders]; the post-mortem from its template, agenda and
principles. Whatever is not mapped is kept verbatim in the nearest document's
notes, so nothing is lost.
"""
from __future__ import annotations

from .found import Found, home_of
from .guidance import contents_lists, guidance_sections, playbook_asides
from .procedures import front_matter, step_sections
from .prose import escalation_tables, nested_contacts, prose_levels, sentence_chains
from .levels import _levels
from .mdparse import Section
from .contacts import _contacts, para_contacts, section_contacts
from .prose_contacts import prose_contacts
from .bracket_contacts import bracket_contacts
from .pm_template import _postmortem
from .messages import _templates, boxed_templates
from .bold_messages import bold_messages
from .people import _escalation, _phases, _roles
from .lifecycle import duty_lists, phase_lists
from .review import review_templates
from .runbooks import prose_runbooks, numbered_runbooks
from .checklists import checklist_phases, phase_tables
from .scenarios import _scenarios
from .dashed_contacts import contact_lists
from .alerts import alert_runbooks, alert_sections
from .policy_blocks import policy_blocks
from .phone_trees import phone_trees
from .chains import escalation_chains, escalation_prose, tier_sections
from .prose_chains import prose_chains
from .step_chains import step_chains
from .chain_waits import chain_waits
from .arrow_chains import arrow_chains, playbook_arrows
from .call_lists import call_lists
from .named_ladders import named_ladders
from .runbook_index import index_rows
from .runbook_rows import runbook_rows
from .table_runbooks import runbook_tables, step_tables, template_tables
from .level_sentences import level_sentences
from .sentence_ladder import sentence_ladder
from .lead_ladders import lead_ladders
from .staircase_chains import staircase_chains
from .ui_policies import ui_policies
from .nested_chains import nested_chains
from .help_lists import help_lists
from .priority_columns import priority_columns
from .ladders import level_tables
from .level_items import level_items
from .role_shapes import raci_tables, role_headings, role_sections, role_tables
from .substeps import command_sections, declare_sections, procedure_groups, symptom_tables
from .levels import _level
from .people import _role_contact
from .plain_chains import plain_chains
from .mermaid_chains import mermaid_chains
from .situations import condition_runbooks, situation_labels
from .subject_chains import subject_chains
from .try_chains import try_chains
from .contact_merge import merge_named_twice
from .senders import email_senders
from .page_fields import page_fields

__all__ = ["Found", "extract"]


def extract(root: Section) -> Found:
    found = Found()
    for section in root.walk():
        home = home_of(section)
        for block in section.blocks:
            for line in block.lines:
                found.homes[line] = home
        if section.level:
            found.homes[section.line] = home
    steps = (email_senders, review_templates, boxed_templates, bold_messages, step_sections, alert_runbooks, alert_sections, index_rows, symptom_tables, runbook_tables, runbook_rows, step_tables, template_tables, procedure_groups, numbered_runbooks, _levels, lambda r, f: priority_columns(r, f, _level, _role_contact), lambda r, f: level_tables(r, f, _level),
             lambda r, f: level_items(r, f, _level), lambda r, f: prose_levels(r, f, _level), lambda r, f: named_ladders(r, f, _level, _role_contact), lambda r, f: lead_ladders(r, f, _level), lambda r, f: sentence_ladder(r, f, _level), level_sentences, _scenarios, prose_runbooks, situation_labels, contact_lists, _roles,
             lambda r, f: tier_sections(r, f, _role_contact),
             lambda r, f: mermaid_chains(r, f, _role_contact), lambda r, f: escalation_chains(r, f, _role_contact), nested_chains, lambda r, f: policy_blocks(r, f, _role_contact), lambda r, f: ui_policies(r, f, _role_contact), lambda r, f: phone_trees(r, f, _role_contact),
             _escalation,
             lambda r, f: escalation_prose(r, f, _role_contact), lambda r, f: prose_chains(r, f, _role_contact), lambda r, f: try_chains(r, f, _role_contact), role_tables, role_sections, role_headings, raci_tables, duty_lists, checklist_phases, phase_tables, _phases, phase_lists, _postmortem,
             _templates, nested_contacts, _contacts, section_contacts, para_contacts, prose_contacts, bracket_contacts,
             lambda r, f: plain_chains(r, f, _role_contact),
             lambda r, f: sentence_chains(r, f, _role_contact), lambda r, f: step_chains(r, f, _role_contact), lambda r, f: escalation_tables(r, f, _role_contact), lambda r, f: call_lists(r, f, _role_contact), lambda r, f: staircase_chains(r, f, _role_contact), lambda r, f: arrow_chains(r, f, _role_contact), lambda r, f: playbook_arrows(r, f, _role_contact), lambda r, f: help_lists(r, f, _role_contact), lambda r, f: subject_chains(r, f, _role_contact), chain_waits, declare_sections, command_sections, condition_runbooks, page_fields, front_matter, contents_lists, playbook_asides, guidance_sections,
             lambda r, f: merge_named_twice(f))
    for step in steps:
        step(root, found)
    return found
