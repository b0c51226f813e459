-- Contract registers imported as published, with no hand edits (Norfolk's, for one):
-- a register may give a negative value (in accounting brackets: adjustments to framework
-- agreements), and may give a registered society's number (FCA Mutuals Public Register, e.g.
-- IP19473R: housing associations and co-operatives) in its company-number column.
alter table estate_contracts drop constraint estate_contracts_value_gbp_check;
alter table estate_contracts add column supplier_society_number text check (supplier_society_number ~ '^(IP)?[0-9]{1,6}R$');
comment on column estate_contracts.value_gbp is 'Value of the contract over its term, pounds sterling, as the register gives it (negative when it gives a negative amount, as for adjustments). OCDS: contracts.value.';
comment on column estate_contracts.supplier_society_number is 'The supplier''s registered society number (FCA Mutuals Public Register, e.g. IP19473R), when the register gives one in place of a company number. OCDS: parties.identifier GB-MPR.';
