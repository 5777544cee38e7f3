import { AppError } from '../shared/errors.js';

/** 409 naming the field, in the shape of parse-input's refusals, so a form can show it beside the name. */
export const duplicateName = () =>
  new AppError('duplicate_facility', 'a facility with that name exists already: choose another name, or edit that facility', 409, {
    fields: [{ field: 'name', problem: 'is already used by another facility' }],
  });
