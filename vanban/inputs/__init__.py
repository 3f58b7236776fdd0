"""Input readers: each turns one kind of input file into model objects or one `InputError`.

Readers are imported from their modules (`from vanban.award.list_reader import
read_award_list`); nothing is re-exported here so importing one reader never loads the others.
"""
