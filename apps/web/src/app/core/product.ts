/** The product's name, everywhere the portal shows it. */
export const PRODUCT_NAME = 'Enclave';
