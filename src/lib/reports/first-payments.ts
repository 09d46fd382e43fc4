/**
 * Who is a new customer (issue 10, "Customers"): a customer is known by their Medusa customer
 * id, else by the hash of their email, else by the payment provider's customer id (a Stripe or
 * Lemon Squeezy customer: a provider may create a new one per checkout, so it comes last); a payment is "new" when it is that customer's first
 * (earliest `occurred_at`, then lowest id) among the payments that are not canceled and have
 * the same test flag. Payments with neither id nor email belong to no customer and are neither
 * new nor returning. Shared by the customer reports and CAC (spend ÷ new customers).
 */
export const CUSTOMER_KEY_SQL =
  "coalesce(case when p.provider = 'medusa' then p.customer_id end, p.customer_email_hash, p.customer_id)"

/**
 * SQL selecting the ids (`id`) of every payment that is its customer's first. The customer key
 * is only compared for equality, so it is sorted byte-wise (`collate "C"`, cheaper than a
 * language collation); the id that breaks a tie keeps the database's order.
 */
export const FIRST_PAYMENT_IDS_SQL = `
  select distinct on (${CUSTOMER_KEY_SQL} collate "C", p.is_test) p.id
    from attribution_payment p
   where p.deleted_at is null and p.status <> 'canceled' and ${CUSTOMER_KEY_SQL} is not null
   order by ${CUSTOMER_KEY_SQL} collate "C", p.is_test, p.occurred_at, p.id`
